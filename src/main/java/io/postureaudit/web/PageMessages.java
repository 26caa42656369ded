package io.postureaudit.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Fixed text of the scans and rules pages and the overview's change block, {@code {pages:key}} in templates:
 * English here, Japanese in messages/pages_ja.properties. A bundle of its own so that {@link Messages} stays
 * readable; the language follows the request exactly as for {@code msg}.
 */
@MessageBundle(value = "pages", locale = "en")
public interface PageMessages {

    // ----- scans -----
    @Message("Scan")
    String scans_scan();

    @Message("The newest {limit} scans, newest first")
    String scans_newest(int limit);

    @Message("Trigger")
    String scans_trigger();

    @Message("Started")
    String scans_started();

    @Message("Finished")
    String scans_finished();

    @Message("Duration")
    String scans_duration();

    @Message("Accounts")
    String scans_accounts();

    @Message("Gaps")
    String scans_gaps();

    @Message("Error")
    String scans_error();

    @Message("Resources")
    String scans_resources();

    @Message("Operation")
    String scans_operation();

    @Message("No account has a result in this scan yet.")
    String scans_no_accounts();

    @Message("Coverage per account, region and service")
    String scans_coverage();

    @Message("✓ read completely (resources found) · ✗ not read completely: its data is missing, see the gaps · — not read in this region.")
    String scans_coverage_legend();

    @Message("This scan recorded no coverage.")
    String scans_no_coverage();

    @Message("read ({count})")
    String scans_read(int count);

    @Message("gap ({count})")
    String scans_gap(int count);

    @Message("not read")
    String scans_not_read();

    @Message("Everything this scan attempted was read.")
    String scans_no_gaps();

    // ----- rules -----
    @Message("Settings in force")
    String rules_settings();

    @Message("Rules loaded")
    String rules_builtin();

    @Message("{count} rule(s)")
    String rules_loaded(int count);

    @Message("not set")
    String rules_none_set();

    @Message("No rule is switched off or re-graded: every rule runs as its file says.")
    String rules_no_overrides();

    @Message("Overrides (posture.rules.overrides, posture.rules.accounts)")
    String rules_overrides();

    @Message("Applies to")
    String rules_scope();

    @Message("all accounts")
    String rules_all_accounts();

    @Message("On (all accounts)")
    String rules_enabled();

    @Message("on")
    String rules_on();

    @Message("off")
    String rules_off();

    @Message("Catalogue")
    String rules_catalogue();

    @Message("{shown} of {total} rule(s)")
    String rules_count(int shown, int total);

    @Message("No rule matches these filters.")
    String rules_none();

    @Message("the rule file says {severity}")
    String rules_file_says(String severity);

    @Message("Reads")
    String rules_reads();

    @Message("every call of its service")
    String rules_reads_all();

    @Message("Tags")
    String rules_tags();

    @Message("Source")
    String rules_source();

    // ----- overview: what changed -----
    @Message("What changed in the last scan")
    String overview_changes();

    @Message("Not available yet: no scan has been recorded.")
    String overview_changes_not_available();

    @Message("Scan #{id} found no change.")
    String overview_changes_none(long id);

    @Message("Scan #{id}: {created} created, {modified} modified, {deleted} deleted")
    String overview_changes_counts(long id, long created, long modified, long deleted);

    @Message("All changes")
    String overview_changes_all();

    // ----- changes (drift) -----
    @Message("Drift since baseline")
    String changes_drift();

    @Message("No account scanned yet.")
    String changes_no_account();

    @Message("Account")
    String changes_account();

    @Message("Baseline scan")
    String changes_baseline_scan();

    @Message("Drift score")
    String changes_score();

    @Message("Changes since baseline")
    String changes_since();

    @Message("Accept")
    String changes_accept();

    @Message("none yet")
    String changes_none_yet();

    @Message("Accept current state")
    String changes_accept_button();

    @Message("Changes")
    String changes_changes();

    @Message("Type")
    String changes_type();

    @Message("12-digit id")
    String changes_account_placeholder();

    @Message("e.g. iam.role")
    String changes_type_placeholder();

    @Message("Filter")
    String changes_filter();

    @Message("{total} change(s)")
    String changes_total(long total);

    @Message("No changes recorded for these filters. Changes appear once a scope has been read completely twice.")
    String changes_empty();

    @Message("Detected")
    String changes_detected();

    @Message("Change")
    String changes_change();

    @Message("Resource")
    String changes_resource();

    @Message("Effect on access")
    String changes_effect();

    @Message("Fields")
    String changes_fields();

    @Message("By")
    String changes_by();

    @Message("scan #{scan} (vs #{previous})")
    String changes_scan_vs(long scan, long previous);

    @Message("(cosmetic)")
    String changes_cosmetic();

    @Message("granted:")
    String changes_granted();

    @Message("revoked:")
    String changes_revoked();

    @Message("may now assume:")
    String changes_may_assume();

    @Message("new risks:")
    String changes_new_risks();

    @Message("who:")
    String changes_who();

    @Message("none")
    String changes_effect_none();

    @Message("n/a")
    String changes_not_applicable();

    @Message("unattributed")
    String changes_unattributed();
}
