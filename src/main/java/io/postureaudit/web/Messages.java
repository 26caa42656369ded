package io.postureaudit.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Fixed page text, {@code {msg:key}} in templates: English here, Japanese in messages/msg_ja.properties. The language
 * is chosen per request by {@link io.postureaudit.web.security.LanguageFilter}. Another page adds its keys here (one
 * block per page, prefixed with the page's name) and to msg_ja.properties; a key missing in Japanese shows English.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Messages {

    // ----- layout -----
    @Message("en")
    String lang();

    @Message("Posture Audit")
    String app_name();

    @Message("Main navigation")
    String nav_label();

    @Message("Overview")
    String nav_overview();

    @Message("Findings")
    String nav_findings();

    @Message("Principals")
    String nav_principals();

    @Message("Changes")
    String nav_changes();

    @Message("Scans")
    String nav_scans();

    @Message("Rules")
    String nav_rules();

    @Message("Reports")
    String nav_reports();

    @Message("Outbox")
    String nav_outbox();

    @Message("Signed in as {user}")
    String signed_in_as(String user);

    @Message("Sign out")
    String sign_out();

    @Message("Language")
    String language();

    @Message("Skip to content")
    String skip_to_content();

    @Message("Sample data")
    String sample_data();

    @Message("This estate includes the bundled sample accounts: what they show is sample data, not your AWS.")
    String sample_banner();

    // ----- sign-in -----
    @Message("Sign in")
    String login_title();

    @Message("User name")
    String login_username();

    @Message("Password")
    String login_password();

    @Message("Wrong user name or password.")
    String login_failed();

    @Message("Too many failed sign-ins. Try again in {seconds} seconds.")
    String login_throttled(long seconds);

    @Message("This form has expired. Please sign in again.")
    String login_expired();

    @Message("You have signed out.")
    String login_signed_out();

    @Message("Sign in with single sign-on")
    String login_oidc();

    // ----- errors -----
    @Message("Not found")
    String error_not_found();

    @Message("Bad request")
    String error_bad_request();

    @Message("Not allowed")
    String error_forbidden();

    @Message("Something went wrong")
    String error_server();

    @Message("The service could not complete this request. It has been logged; try again, or tell the operators at {time}.")
    String error_server_detail(String time);

    @Message("The database is not reachable right now. Try again in a moment.")
    String error_unavailable();

    @Message("Back to the overview")
    String error_back();

    // ----- findings list and finding page -----
    @Message("Last scan #{id}: {status}")
    String findings_last_scan(long id, String status);

    @Message("{count} gap(s): some of the estate could not be read")
    String findings_gaps(int count);

    @Message("No scan yet")
    String findings_no_scan();

    @Message("Filters")
    String findings_filters();

    @Message("Status")
    String findings_status();

    @Message("Severity")
    String findings_severity();

    @Message("Triage")
    String findings_triage();

    @Message("Service")
    String findings_service();

    @Message("Account")
    String findings_account();

    @Message("Rule")
    String findings_rule();

    @Message("Resource type")
    String findings_resource_type();

    @Message("Search")
    String findings_search();

    @Message("Sort")
    String findings_sort();

    @Message("any")
    String findings_any();

    @Message("Filter")
    String findings_apply();

    @Message("{total} finding(s)")
    String findings_count(long total);

    @Message("Download")
    String findings_download();

    @Message("No findings match these filters.")
    String findings_none();

    @Message("Triage the selected findings")
    String findings_bulk();

    @Message("Apply to selected")
    String findings_bulk_apply();

    @Message("Select")
    String findings_select();

    @Message("Select finding {id}")
    String findings_select_one(long id);

    @Message("Finding")
    String findings_finding();

    @Message("Region")
    String findings_region();

    @Message("Resource")
    String findings_resource();

    @Message("Last seen")
    String findings_last_seen();

    @Message("Page {page} of {pages}")
    String findings_page(int page, int pages);

    @Message("Pages")
    String findings_pages();

    @Message("Previous")
    String findings_previous();

    @Message("Next")
    String findings_next();

    @Message("until")
    String finding_until();

    @Message("First seen")
    String finding_first_seen();

    @Message("reopened {count} time(s)")
    String finding_reopened(int count);

    @Message("Why it matters")
    String finding_rationale();

    @Message("How to fix it")
    String finding_remediation();

    @Message("References")
    String finding_references();

    @Message("Compliance controls")
    String finding_controls();

    @Message("This rule maps to no framework control.")
    String finding_no_controls();

    @Message("Evidence: what grants it")
    String finding_evidence();

    @Message("Risk")
    String principal_risk();

    @Message("Detail")
    String principal_detail();

    @Message("Granted by (policy · statement)")
    String finding_granted_by();

    @Message("History")
    String finding_history();

    @Message("When")
    String finding_when();

    @Message("Event")
    String finding_event();

    @Message("Who")
    String finding_who();

    @Message("Why")
    String finding_why();

    @Message("Act on it")
    String finding_actions();

    @Message("Lift the suppression: the finding is open again until a complete scan no longer sees it.")
    String finding_unsuppress_help();

    @Message("Unsuppress")
    String finding_unsuppress();

    @Message("Justification (required)")
    String finding_justification();

    @Message("Expires (optional)")
    String finding_expires();

    @Message("Suppress")
    String finding_suppress();

    @Message("Note")
    String finding_note();

    @Message("Assignee")
    String finding_assignee();

    @Message("Save triage")
    String finding_triage_save();

    @Message("The resource now")
    String finding_resource_json();

    @Message("The inventory holds no version of this resource.")
    String finding_no_resource();

    @Message("Version history")
    String finding_versions();

    @Message("Version {id}, first seen by scan #{scan}")
    String finding_version(long id, long scan);

    @Message("current")
    String finding_current();

    @Message("The first version seen.")
    String finding_first_version();

    @Message("Field")
    String finding_path();

    @Message("Before")
    String finding_before();

    @Message("After")
    String finding_after();

    @Message("absent")
    String finding_absent();

    @Message("The whole policy, the responsible statement marked")
    String finding_whole_document();

    // ----- overview -----
    @Message("Posture score")
    String overview_scores();

    @Message("No score yet: the first scan computes one.")
    String overview_no_scores();

    @Message("Environment")
    String overview_environment();

    @Message("{count} account(s)")
    String overview_accounts(int count);

    @Message("Score and open findings per account")
    String overview_by_account();

    @Message("Score")
    String overview_score();

    @Message("Score trend over the last scans")
    String overview_trend();

    @Message("One line per account: score from 0 to 100 over the last scans, oldest on the left.")
    String overview_trend_desc();

    @Message("Latest score per account (the chart as text)")
    String overview_trend_table();

    @Message("Latest")
    String overview_latest();

    @Message("Open findings by service and severity")
    String overview_open();

    @Message("Total")
    String overview_total();

    @Message("Last scan: coverage and gaps")
    String overview_last_scan();

    @Message("Read completely")
    String overview_read();

    @Message("Not read completely (gaps)")
    String overview_not_read();

    @Message("Riskiest principals")
    String overview_principals();

    @Message("No principal with a risk in the latest analyses.")
    String overview_no_principals();

    @Message("Principal")
    String principals_principal();

    @Message("Least-privilege score")
    String principals_score();

    @Message("Risks")
    String principals_risks();

    // ----- principals -----
    @Message("Type")
    String principals_type();

    @Message("Analysed in scan")
    String principals_scan();

    @Message("No risk found for this principal.")
    String principals_no_risks();

    @Message("Privilege escalation paths")
    String principals_escalation();

    @Message("No escalation path found.")
    String principals_no_escalation();

    @Message("Unused access")
    String principals_unused();

    @Message("No unused access found.")
    String principals_no_unused();

    @Message("Right-sizing suggestion")
    String principals_right_sizing();

    @Message("Suggested policy (copy it)")
    String principals_copy();

    @Message("No suggestion: usage data is missing or everything granted is used.")
    String principals_no_suggestion();

    @Message("Can this principal do it?")
    String principals_simulate();

    @Message("Action")
    String principals_action();

    @Message("On resource")
    String principals_on_resource();

    @Message("Ask the simulator")
    String principals_ask();

    @Message("Decision")
    String principals_decision();

    // ----- outbox -----
    @Message("Outbox")
    String outbox_title();

    @Message("Notifications to Slack and PagerDuty. Each is written together with the change it tells of and "
            + "delivered from here; a dead letter waits until an admin retries it.")
    String outbox_intro();

    @Message("Messages by status")
    String outbox_statuses();

    @Message("Dead letters")
    String outbox_status_failed();

    @Message("Pending")
    String outbox_status_pending();

    @Message("Delivered")
    String outbox_status_delivered();

    @Message("Disabled (no Slack token)")
    String outbox_status_disabled();

    @Message("No messages with this status.")
    String outbox_none();

    @Message("Newest {shown} of {total}")
    String outbox_showing(int shown, String total);

    @Message("Kind")
    String outbox_kind();

    @Message("Channel")
    String outbox_channel();

    @Message("Finding")
    String outbox_finding();

    @Message("Attempts")
    String outbox_attempts();

    @Message("Created")
    String outbox_created();

    @Message("Next attempt")
    String outbox_next();

    @Message("Delivered at")
    String outbox_delivered_at();

    @Message("Last error")
    String outbox_error();

    @Message("Action")
    String outbox_action();

    @Message("Retry")
    String outbox_retry();

    @Message("Message {id} is pending again; the next delivery round sends it.")
    String outbox_retried(long id);

    // ----- finding page: held by a gap, parts not judged (issue 8) -----
    @Message("Held by a gap: not judged in the latest scan")
    String finding_held_title();

    @Message("The latest scan could not read what this rule needs, so this finding keeps its status instead of being resolved or confirmed.")
    String finding_held_text();

    @Message("Unread call")
    String finding_held_call();

    @Message("Error")
    String finding_held_error();

    @Message("Scan")
    String finding_held_scan();

    @Message("Not judged")
    String finding_not_judged_title();

    @Message("These parts of the principal's analysis could not be judged; their findings are neither opened nor resolved.")
    String finding_not_judged_text();
}
