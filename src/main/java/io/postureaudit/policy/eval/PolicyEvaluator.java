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
        // AWS special cases first (docs/policy-engine.md, "AWS's own special cases"): GetCallerIdentity needs no
        // permission and no deny stops it; what AWS reserves for itself no customer policy can grant.
        if (ctx.action().equalsIgnoreCase("sts:GetCallerIdentity")) {
            return new EvaluationResult(Decision.ALLOWED, List.of());
        }
        if (ReservedResources.refusal(ctx.action(), ctx.resource()).isPresent()) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, List.of());
        }
        PrincipalName caller = ctx.principal() == null ? null : PrincipalName.parse(ctx.principal());
        if (caller != null && "Service".equals(caller.principalType())) {
            return service(in, ctx);
        }
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
        String callerAccount = caller == null ? null : caller.account();
        boolean sameAccount = ctx.resourceAccount() == null || ctx.resourceAccount().equals(callerAccount);
        // Named by its own ARN (a user, a session), the caller is not limited by the boundary's implicit deny;
        // a role ARN naming a session's role is.
        boolean exact = in.resourcePolicy() != null && ctx.principal() != null
                && !ctx.principal().contains(":role/") && namesExactly(in.resourcePolicy(), ctx);
        if (sameAccount && in.resourcePolicy() != null && policyMustAllow(ctx)) {
            // A KMS key policy and a role trust policy must themselves allow, even in the same account: naming the
            // caller grants on its own; naming the account delegates to IAM, so the identity side must allow too.
            if (!resourceDirect.isEmpty() && (exact || boundaryPermits)
                    || !resourceAccount.isEmpty() && identityPermits) {
                granted.addAll(resourceDirect);
                granted.addAll(resourceAccount);
                if (identityPermits) {
                    granted.addAll(identityAllows);
                    granted.addAll(boundaryAllows);
                }
                return new EvaluationResult(Decision.ALLOWED, granted);
            }
            return new EvaluationResult(Decision.IMPLICIT_DENY, List.of());
        }
        if (sameAccount) {
            // A resource policy naming the caller grants on its own; for roles an implicit deny in the boundary
            // still limits it, for IAM users it does not (IAM user guide, policy evaluation within one account).
            boolean resourceGrants = !resourceDirect.isEmpty() && (exact || boundaryPermits);
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

    // KMS keys (key policy) and sts:AssumeRole* on a role (trust policy) are the resources whose policy IAM cannot
    // bypass within an account.
    private static boolean policyMustAllow(RequestContext ctx) {
        String resource = ctx.resource();
        String action = ctx.action().toLowerCase(java.util.Locale.ROOT);
        return resource.matches("arn:aws[a-z-]*:kms:[^:]*:[^:]*:key/.*")
                || action.startsWith("sts:assumerole") && resource.matches("arn:aws[a-z-]*:iam::[^:]*:role/.*");
    }

    // A service principal has no identity policies, boundary or SCPs: only the resource (or trust) policy decides.
    private static EvaluationResult service(EvaluationInput in, RequestContext ctx) {
        if (in.resourcePolicy() == null) {
            return new EvaluationResult(Decision.IMPLICIT_DENY, List.of());
        }
        List<MatchedStatement> denies = new ArrayList<>();
        List<MatchedStatement> direct = new ArrayList<>();
        List<MatchedStatement> account = new ArrayList<>();
        resourcePolicy(in.resourcePolicy(), ctx, denies, direct, account);
        if (!denies.isEmpty()) {
            return new EvaluationResult(Decision.EXPLICIT_DENY, denies);
        }
        return direct.isEmpty() ? new EvaluationResult(Decision.IMPLICIT_DENY, List.of())
                : new EvaluationResult(Decision.ALLOWED, direct);
    }

    private static boolean namesExactly(NamedPolicy policy, RequestContext ctx) {
        for (Statement s : policy.document().statements()) {
            if (s.effect() == Effect.ALLOW && !s.notPrincipal() && s.principal() != null
                    && s.principal().values("AWS").contains(ctx.principal())
                    && StatementMatcher.applies(s, policy.document(), ctx)) {
                return true;
            }
        }
        return false;
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
