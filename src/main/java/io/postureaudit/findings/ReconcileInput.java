package io.postureaudit.findings;

import io.postureaudit.rules.RuleHit;
import java.util.List;
import java.util.Set;

/**
 * What one account's scan concluded, for the lifecycle to act on.
 *
 * @param completeScopes  {@code region|service} scopes read without a gap; only there may findings resolve
 * @param gapArns         resources the scan could not fully read (their findings stay as they were)
 * @param unknown         {@code ruleId|arn} pairs whose rule failed to evaluate
 * @param evaluatedRules  ids of the rules evaluated; findings of other rules are left alone
 */
public record ReconcileInput(long scanId, String accountId, String accountName, boolean sample, List<RuleHit> hits,
        Set<String> evaluatedRules, Set<String> completeScopes, Set<String> gapArns, Set<String> unknown) {

    public static String scope(String region, String service) {
        return region + "|" + service;
    }
}
