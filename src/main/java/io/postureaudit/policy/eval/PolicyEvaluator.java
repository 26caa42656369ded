package io.postureaudit.policy.eval;

import io.postureaudit.policy.model.Effect;
import io.postureaudit.policy.model.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's policy evaluation logic for one request. Order: an explicit Deny in any policy wins; every SCP level must
 * allow; then within one account either the identity policies (limited by the boundary) or a resource policy that
 * names the caller allow, while across accounts both the identity side and the resource policy must allow.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    public static EvaluationResult evaluate(EvaluationInput in) {
        RequestContext ctx = in.request();
        List<MatchedStatement> denies = new ArrayList<>();
        List<MatchedStatement> identityAllows = matching(in.identityPolicies(), ctx, denies);
        List<MatchedStatement> boundaryAllows = matching(in.boundaries(), ctx, denies);
        List<List<MatchedStatement>> scpAllows = new ArrayList<>();
        for (List<NamedPolicy> level : in.serviceControlPolicies()) {
            scpAllows.add(matching(level, ctx, denies));
        }
        List<MatchedStatement> resourceDirect = new ArrayList<>();
        List<MatchedStatement> resourceAccount = new ArrayList<>();
        if (in.resourcePolicy() != null) {
            resourcePolicy(in.resourcePolicy(), ctx, denies, resourceDirect, resourceAccount);
        }
        if (!denies.isEmpty()) {
            return new EvaluationResult(Decision.EXPLICIT_DENY, denies);
        }
        List<MatchedStatement> granted = new ArrayList<>();
        for (List<MatchedStatement> level : scpAllows) {
            if (level.isEmpty()) {
                return new EvaluationResult(Decision.IMPLICIT_DENY, List.of());
            }
            granted.addAll(level);
        }
        boolean boundaryPermits = in.boundaries().isEmpty() || !boundaryAllows.isEmpty();
        boolean identityPermits = !identityAllows.isEmpty() && boundaryPermits;
        PrincipalName caller = ctx.principal() == null ? null : PrincipalName.parse(ctx.principal());
        String callerAccount = caller == null ? null : caller.account();
        boolean sameAccount = ctx.resourceAccount() == null || ctx.resourceAccount().equals(callerAccount);
        if (sameAccount) {
            // A resource policy naming the caller grants on its own; for roles an implicit deny in the boundary
            // still limits it, for IAM users it does not (IAM user guide, policy evaluation within one account).
            boolean resourceGrants = !resourceDirect.isEmpty()
                    && (caller != null && caller.isUser() || boundaryPermits);
            if (resourceGrants || identityPermits) {
                if (identityPermits) {
                    granted.addAll(identityAllows);
                    granted.addAll(boundaryAllows);
                }
                if (resourceGrants) {
                    granted.addAll(resourceDirect);
                }
                return new EvaluationResult(Decision.ALLOWED, granted);
            }
            return new EvaluationResult(Decision.IMPLICIT_DENY, List.of());
        }
        boolean resourceAllows = !resourceDirect.isEmpty() || !resourceAccount.isEmpty();
        if (identityPermits && resourceAllows) {
            granted.addAll(identityAllows);
            granted.addAll(boundaryAllows);
            granted.addAll(resourceDirect);
            granted.addAll(resourceAccount);
            return new EvaluationResult(Decision.ALLOWED, granted);
        }
        return new EvaluationResult(Decision.IMPLICIT_DENY, List.of());
    }

    /** Collects matching Deny statements into {@code denies} and returns the matching Allow statements. */
    private static List<MatchedStatement> matching(List<NamedPolicy> policies, RequestContext ctx,
            List<MatchedStatement> denies) {
        List<MatchedStatement> allows = new ArrayList<>();
        for (NamedPolicy policy : policies) {
            for (Statement s : policy.document().statements()) {
                if (StatementMatcher.applies(s, policy.document(), ctx)) {
                    (s.effect() == Effect.DENY ? denies : allows).add(matched(policy, s));
                }
            }
        }
        return allows;
    }

    private static void resourcePolicy(NamedPolicy policy, RequestContext ctx, List<MatchedStatement> denies,
            List<MatchedStatement> direct, List<MatchedStatement> account) {
        for (Statement s : policy.document().statements()) {
            StatementMatcher.PrincipalMatch who = StatementMatcher.principalMatches(s, ctx.principal());
            if (who == StatementMatcher.PrincipalMatch.NONE || !StatementMatcher.applies(s, policy.document(), ctx)) {
                continue;
            }
            if (s.effect() == Effect.DENY) {
                denies.add(matched(policy, s));
            } else {
                (who == StatementMatcher.PrincipalMatch.DIRECT ? direct : account).add(matched(policy, s));
            }
        }
    }

    private static MatchedStatement matched(NamedPolicy policy, Statement s) {
        return new MatchedStatement(policy.name(), s.label(), s.effect().word());
    }
}
