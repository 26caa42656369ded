package io.postureaudit.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The report's fixed text, English here and Japanese in {@code messages/report_ja.properties}; templates use it
 * as {@code {report:key}}, the Markdown renderer through {@link ReportLanguage}.
 */
@MessageBundle(value = "report", locale = "en")
public interface ReportText {

    @Message("Security study session report")
    String title();

    @Message("Period: {from} to {to} ({zone})")
    String period(String from, String to, String zone);

    @Message("Generated {at} ({zone})")
    String generated(String at, String zone);

    @Message("Contents")
    String contents();

    @Message("Summary")
    String summary();

    @Message("Posture score by environment")
    String scoreTable();

    @Message("Environment")
    String environment();

    @Message("At start")
    String atStart();

    @Message("At end")
    String atEnd();

    @Message("Change")
    String change();

    @Message("Posture score trend")
    String trendChart();

    @Message("No posture score was recorded up to the end of this period.")
    String noScores();

    @Message("Findings opened {opened}, resolved {resolved}, reopened {reopened}, suppressed {suppressed} in this period.")
    String headline(long opened, long resolved, long reopened, long suppressed);

    @Message("Open at the end of the period: {critical} critical, {high} high, {medium} medium, {low} low, {info} info.")
    String openAtEnd(long critical, long high, long medium, long low, long info);

    @Message("Findings")
    String findings();

    @Message("By severity")
    String bySeverity();

    @Message("By service")
    String byService();

    @Message("Severity")
    String severity();

    @Message("Service")
    String service();

    @Message("New")
    String opened();

    @Message("Resolved")
    String resolved();

    @Message("Reopened")
    String reopened();

    @Message("Suppressed")
    String suppressed();

    @Message("Oldest open critical and high findings")
    String oldestOpen();

    @Message("Finding")
    String finding();

    @Message("Account")
    String account();

    @Message("Resource")
    String resource();

    @Message("Age (days)")
    String ageDays();

    @Message("Suppressions expiring in the next 14 days")
    String expiring();

    @Message("Suppressed by")
    String suppressedBy();

    @Message("Justification")
    String justification();

    @Message("Expires")
    String expires();

    @Message("Days left")
    String daysLeft();

    @Message("None.")
    String none();

    @Message("No finding changed state in this period.")
    String noEvents();

    @Message("Least privilege")
    String leastPrivilege();

    @Message("The five riskiest principals")
    String riskiest();

    @Message("Principal")
    String principal();

    @Message("Score")
    String score();

    @Message("Why")
    String why();

    @Message("Granted by")
    String grantedBy();

    @Message("Biggest score changes")
    String scoreChanges();

    @Message("Before")
    String before();

    @Message("After")
    String after();

    @Message("Right-sizing: unused access that could be removed")
    String rightSizing();

    @Message("Unused services")
    String unusedServices();

    @Message("Basis")
    String basis();

    @Message("No complete IAM analysis was stored up to the end of this period.")
    String noAnalysis();

    @Message("Drift")
    String drift();

    @Message("Drift is not available: this service does not record changes between scans yet.")
    String driftUnavailable();

    @Message("Changes by account")
    String changesByAccount();

    @Message("Created")
    String created();

    @Message("Modified")
    String modified();

    @Message("Deleted")
    String deleted();

    @Message("Changes of access")
    String iamChanges();

    @Message("Gained")
    String gained();

    @Message("Lost")
    String lost();

    @Message("New risks")
    String risksAdded();

    @Message("IaC coverage (share of live resources in Terraform state)")
    String iacCoverage();

    @Message("No Terraform state is configured, so there is no IaC coverage to show.")
    String iacNotConfigured();

    @Message("In state at the end")
    String coveredAtEnd();

    @Message("{covered} of {counted}")
    String coveredOf(long covered, long counted);

    @Message("{covered} of {counted} (a state could not be read)")
    String coveredOfIncomplete(long covered, long counted);

    @Message("Newly trusted")
    String trustAdded();

    @Message("Principals affected")
    String principalsAffected();

    @Message("When")
    String when();

    @Message("GuardDuty")
    String guardDuty();

    @Message("Active findings by severity ({fresh} created in this period)")
    String gdBySeverity(long fresh);

    @Message("Active findings by type")
    String gdByType();

    @Message("Type")
    String type();

    @Message("Count")
    String count();

    @Message("Detector coverage")
    String detectorCoverage();

    @Message("Region")
    String region();

    @Message("Detector")
    String detector();

    @Message("enabled")
    String enabled();

    @Message("off")
    String off();

    @Message("Auto-archive filters")
    String archiveFilters();

    @Message("Name")
    String name();

    @Message("Criteria")
    String criteria();

    @Message("WAF")
    String waf();

    @Message("Web ACL")
    String webAcl();

    @Message("Default action")
    String defaultAction();

    @Message("Associated resources")
    String associated();

    @Message("Rules in Count mode")
    String countRules();

    @Message("Logging")
    String logging();

    @Message("yes")
    String yes();

    @Message("no")
    String no();

    @Message("not read")
    String notRead();

    @Message("No data was collected for this service up to the end of this period.")
    String noData();

    @Message("Study topics")
    String studyTopics();

    @Message("Rule {ruleId}, severity {severity}: {hits} findings opened or reopened in this period, {open} open at its end.")
    String topicFacts(String ruleId, String severity, long hits, long open);

    @Message("Newly triggered in this period.")
    String newlyTriggered();

    @Message("The concept")
    String concept();

    @Message("Why it matters")
    String whyItMatters();

    @Message("How to fix (CLI)")
    String fixCli();

    @Message("How to fix (Terraform)")
    String fixTerraform();

    @Message("AWS documentation")
    String docs();

    @Message("No rule with study notes fired in this period.")
    String noTopics();

    @Message("A privilege-escalation path from this estate")
    String escalation();

    @Message("{principal} in {account} can use the method \"{title}\" ({method}).")
    String escalationIntro(String principal, String account, String title, String method);

    @Message("Step {n}: call {step}")
    String escalationStep(int n, String step);

    @Message("What the attacker gains: with these calls the principal can act with permissions it was never given directly, up to the account's administrator access.")
    String escalationGain();

    @Message("No privilege-escalation path was found in the latest analysis of this period.")
    String noEscalation();

    @Message("Action items")
    String actionItems();

    @Message("Item")
    String item();

    @Message("Owner")
    String owner();

    @Message("Status")
    String status();

    @Message("Origin")
    String origin();

    @Message("open")
    String statusOpen();

    @Message("done")
    String statusDone();

    @Message("dropped")
    String statusDropped();

    @Message("carried over")
    String originCarried();

    @Message("proposed")
    String originProposed();

    @Message("added")
    String originAdded();

    @Message("No action items.")
    String noActionItems();

    @Message("Fix {severity} finding: {title} ({account})")
    String proposedItem(String severity, String title, String account);

    @Message("Security study report {from} to {to}: posture {scores}; {opened} new and {resolved} resolved findings; {critical} critical and {high} high open.")
    String slackSummary(String from, String to, String scores, long opened, long resolved, long critical, long high);

    // ---- The /reports pages ----

    @Message("Study-session reports")
    String pageTitle();

    @Message("Generate a report")
    String generate();

    @Message("From")
    String from();

    @Message("To")
    String to();

    @Message("Language")
    String language();

    @Message("Empty dates: the last two weeks up to now.")
    String generateHint();

    @Message("Generate")
    String generateButton();

    @Message("Archive")
    String archive();

    @Message("No report yet.")
    String noReports();

    @Message("Created")
    String createdAt();

    @Message("Formats")
    String formats();

    @Message("Report #{id}")
    String reportNumber(long id);

    @Message("Still being generated: reload this page in a moment.")
    String stillPending();

    @Message("Generating failed: {error}")
    String failedBecause(String error);

    @Message("Edit the action items before the session")
    String editItems();

    @Message("Leave the text empty to remove an item; the last row adds one.")
    String editHint();

    @Message("Save the action items")
    String save();

    @Message("All reports")
    String allReports();
}
