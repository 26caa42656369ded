package io.postureaudit.report;

import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one report says, computed once from stored history for its period and archived as JSON, so that a
 * re-render (after editing action items) shows the same numbers. Action items live beside it, editable.
 */
@TemplateData
public record ReportModel(Period period, Summary summary, FindingsSection findings, LeastPrivilege leastPrivilege,
        Drift drift, GuardDuty guardDuty, Waf waf, List<StudyTopic> studyTopics, EscalationPath escalation,
        Instant generatedAt) {

    /** The period and language. */
    @TemplateData
    public record Period(LocalDate from, LocalDate to, String zone, Instant start, Instant end, String language) {
    }

    /** Posture per environment at the start and end, its trend, and headline counts. */
    @TemplateData
    public record Summary(List<EnvironmentScore> environments, List<TrendSeries> trend, Counts events,
            SeverityCounts openAtEnd) {
    }

    /** An environment's pooled posture score at both ends of the period (null when there was no score yet). */
    @TemplateData
    public record EnvironmentScore(String environment, BigDecimal start, BigDecimal end, BigDecimal change) {
    }

    /** An environment's score after each scan of the period, starting with the score it entered the period with. */
    @TemplateData
    public record TrendSeries(String environment, List<TrendPoint> points) {
    }

    /** One score as one scan left it. */
    @TemplateData
    public record TrendPoint(Instant at, BigDecimal score) {
    }

    /** Findings that changed state during the period, counted once per finding and event. */
    @TemplateData
    public record Counts(long opened, long resolved, long reopened, long suppressed) {
    }

    /** How many findings of each severity. */
    @TemplateData
    public record SeverityCounts(long critical, long high, long medium, long low, long info) {

        public long total() {
            return critical + high + medium + low + info;
        }
    }

    /** The findings section. */
    @TemplateData
    public record FindingsSection(List<CountRow> bySeverity, List<CountRow> byService, List<OpenFinding> oldestOpen,
            List<ExpiringSuppression> expiring) {
    }

    /** Events of one severity or one service. */
    @TemplateData
    public record CountRow(String key, long opened, long resolved, long reopened, long suppressed) {
    }

    /** A critical or high finding still open at the end of the period. */
    @TemplateData
    public record OpenFinding(long id, String ruleId, String title, String severity, String account,
            String resourceArn, Instant firstSeen, long ageDays) {
    }

    /** A suppression that runs out within 14 days of the period's end. */
    @TemplateData
    public record ExpiringSuppression(long id, String title, String severity, String account, String resourceArn,
            String by, String justification, Instant expiresAt, long daysLeft) {
    }

    /** The least-privilege section. */
    @TemplateData
    public record LeastPrivilege(boolean analysed, List<RiskyPrincipal> riskiest, List<ScoreChange> changes,
            List<RightSizingLine> rightSizing) {
    }

    /** A principal with a low least-privilege score, and why. */
    @TemplateData
    public record RiskyPrincipal(String arn, String name, String type, String account, int score,
            List<RiskLine> risks) {
    }

    /** One risk and the policy statement that grants it. */
    @TemplateData
    public record RiskLine(String category, String detail, String grantedBy) {
    }

    /** A principal whose score moved during the period; {@code before} is null for a principal new in it. */
    @TemplateData
    public record ScoreChange(String arn, String name, String account, Integer before, int after, int change) {
    }

    /** Access a principal holds but did not use: what could be removed. */
    @TemplateData
    public record RightSizingLine(String arn, String name, String account, List<String> removedServices,
            String basis) {
    }

    /** The drift section: not available until change records exist. */
    @TemplateData
    public record Drift(boolean available, List<AccountChanges> byAccount, List<IamChange> iamChanges,
            List<IacCoverage> iacCoverage) {

        public Drift {
            iacCoverage = iacCoverage == null ? List.of() : iacCoverage; // archived before the trend existed
        }
    }

    /**
     * An account's IaC coverage (percent of counted live resources that Terraform state accounts for) as it entered
     * the period and as its last scan in the period left it; null where there was no point yet. {@code covered}
     * and {@code counted} are the end's; {@code complete} is false when a state could not be read at the end.
     */
    @TemplateData
    public record IacCoverage(String account, BigDecimal start, BigDecimal end, BigDecimal change, long covered,
            long counted, boolean complete) {
    }

    /** Change counts of one account. */
    @TemplateData
    public record AccountChanges(String account, long created, long modified, long deleted) {
    }

    /**
     * A change of access: what the changed resource now allows or no longer allows, who it newly trusts (a role's
     * trust policy), the risks and escalation methods it added, and the principals whose access moved.
     */
    @TemplateData
    public record IamChange(String account, String resource, List<String> granted, List<String> revoked,
            List<String> trustAdded, List<String> risksAdded, List<String> principals, Instant at) {

        public IamChange {
            granted = granted == null ? List.of() : granted;
            revoked = revoked == null ? List.of() : revoked;
            trustAdded = trustAdded == null ? List.of() : trustAdded; // archived before the column existed
            risksAdded = risksAdded == null ? List.of() : risksAdded;
            principals = principals == null ? List.of() : principals;
        }
    }

    /** GuardDuty at the end of the period. */
    @TemplateData
    public record GuardDuty(List<KeyCount> bySeverity, List<KeyCount> byType, long newInPeriod,
            List<String> features, List<DetectorRow> detectors, List<FilterRow> archiveFilters) {
    }

    /** A label and a count. */
    @TemplateData
    public record KeyCount(String key, long count) {
    }

    /** One region of one account: detector state and each protection plan's status ({@code -} when absent). */
    @TemplateData
    public record DetectorRow(String account, String region, boolean enabled, List<String> planStatus) {
    }

    /** A GuardDuty filter that archives findings automatically. */
    @TemplateData
    public record FilterRow(String account, String region, String name, String criteria) {
    }

    /** WAF web ACLs at the end of the period. */
    @TemplateData
    public record Waf(List<AclRow> acls) {
    }

    /** One web ACL: what it protects, what only counts, whether it logs. */
    @TemplateData
    public record AclRow(String account, String region, String name, String defaultAction,
            Integer associatedResources, List<String> countModeRules, Boolean logging) {
    }

    /** One study topic: a rule that fired in the period and the AWS concept behind it. */
    @TemplateData
    public record StudyTopic(String ruleId, String title, String severity, long hits, boolean newlyTriggered,
            long openAtEnd, String concept, String why, String cli, String terraform, List<String> docs) {
    }

    /** One privilege-escalation path from the estate, step by step. */
    @TemplateData
    public record EscalationPath(String principal, String name, String account, String method, String methodTitle,
            List<String> steps, String grantedBy) {
    }
}
