package io.postureaudit.findings;

import io.postureaudit.collect.Gap;
import io.postureaudit.rules.RuleHit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one account's scan concluded, for the lifecycle to act on.
 *
 * @param attemptedScopes {@code region|service} scopes the scan tried; findings elsewhere are left alone
 * @param gaps            what the scan could not read; a gap holds only the findings of rules that read that data
 * @param reads           per evaluated rule id, the calls it reads ({@code service:Operation}; empty = every call of
 *                        its resource's service)
 * @param unknown         {@code ruleId|arn} pairs whose rule failed to evaluate
 * @param evaluatedRules  ids of the rules evaluated; findings of other rules are left alone
 */
public record ReconcileInput(long scanId, String accountId, String accountName, boolean sample, List<RuleHit> hits,
        Set<String> evaluatedRules, Set<String> attemptedScopes, List<Gap> gaps, Map<String, List<String>> reads,
        Set<String> unknown) {

    public static String scope(String region, String service) {
        return region + "|" + service;
    }
}
