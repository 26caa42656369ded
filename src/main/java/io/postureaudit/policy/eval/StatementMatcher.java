package io.postureaudit.policy.eval;

import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ResourcePatterns;
import io.postureaudit.policy.catalog.Wildcards;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PrincipalSpec;
import io.postureaudit.policy.model.Statement;

/** Decides whether one statement applies to a request: action, resource, principal (resource policies), conditions. */
public final class StatementMatcher {

    /** How a resource policy statement's Principal matched: by naming the caller, or by delegating to its account. */
    public enum PrincipalMatch { NONE, DIRECT, ACCOUNT }

    // Resource patterns repeat across requests (managed policies); capped so substituted variables cannot grow it.
    private static final Map<String, int[]> COMPILED = new ConcurrentHashMap<>();

    private StatementMatcher() {
    }

    /** Action, resource and conditions; the principal is not considered (identity policies, boundaries, SCPs). */
    public static boolean applies(Statement s, PolicyDocument doc, RequestContext ctx) {
        return actionMatches(s, ctx.action()) && resourceMatches(s, doc, ctx)
                && ConditionEvaluator.all(s.conditions(), ctx, doc.supportsVariables());
    }

    public static boolean actionMatches(Statement s, String action) {
        boolean any = false;
        for (String pattern : s.actions()) {
            if (Wildcards.matches(pattern, action, true)) {
                any = true;
                break;
            }
        }
        return any != s.notAction();
    }

    /**
     * A request for resource {@code *} asks "is there any resource this is allowed on": an Allow applies when it
     * reaches some resource of the action (a pattern that can match an ARN of one of the action's resource types, or
     * {@code *} for an action without any), a Deny only when it covers every resource. A concrete resource is
     * matched with the Resource element's segment rules ({@link ResourcePatterns}).
     */
    public static boolean resourceMatches(Statement s, PolicyDocument doc, RequestContext ctx) {
        if (s.resources() == null) {
            return true;
        }
        boolean anyResource = "*".equals(ctx.resource()) && s.effect() == io.postureaudit.policy.model.Effect.ALLOW;
        boolean any = false;
        for (String pattern : s.resources()) {
            String p = doc.supportsVariables() ? PolicyVariables.substitute(pattern, ctx) : pattern;
            if (p == null) {
                continue;
            }
            // NotResource excludes only what it names: with "*" it leaves nothing; anything narrower leaves some.
            boolean matches = anyResource ? (s.notResource() ? p.equals("*") : grantable(p, ctx.action()))
                    : ResourcePatterns.matches(compiled(p), ctx.resource());
            if (matches) {
                any = true;
                break;
            }
        }
        return any != s.notResource();
    }

    // Actions the catalogue does not know keep the old answer: some resource may match.
    private static boolean grantable(String pattern, String action) {
        ActionCatalog catalog = ActionCatalog.standard();
        return catalog.find(action).map(a -> catalog.grantable(widened(pattern), a.index())).orElse(true);
    }

    // A variable left in the pattern (one the request could not fill) stands for some value.
    private static String widened(String pattern) {
        return pattern.indexOf("${") < 0 ? pattern : pattern.replaceAll("\\$\\{[^}]*}", "*");
    }

    private static int[] compiled(String pattern) {
        int[] hit = COMPILED.get(pattern);
        if (hit != null) {
            return hit;
        }
        int[] made = ResourcePatterns.policy(pattern);
        if (COMPILED.size() < 50_000) {
            COMPILED.put(pattern, made);
        }
        return made;
    }

    /** How the statement's Principal/NotPrincipal covers the caller. */
    public static PrincipalMatch principalMatches(Statement s, String principal) {
        if (s.principal() == null) {
            return PrincipalMatch.NONE;
        }
        PrincipalMatch listed = listed(s.principal(), principal);
        if (s.notPrincipal()) {
            return listed == PrincipalMatch.NONE ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
        }
        return listed;
    }

    private static PrincipalMatch listed(PrincipalSpec spec, String principal) {
        if (spec.isPublic()) {
            return PrincipalMatch.DIRECT;
        }
        if (principal == null) {
            return PrincipalMatch.NONE;
        }
        PrincipalName caller = PrincipalName.parse(principal);
        PrincipalMatch best = PrincipalMatch.NONE;
        for (String value : spec.values("AWS")) {
            if (value.equals(principal) || value.equals(caller.principalArn()) || sameRole(value, caller)) {
                return PrincipalMatch.DIRECT;
            }
            String account = value.matches("\\d{12}") ? value : accountOfRoot(value);
            if (account != null && account.equals(caller.account())) {
                best = PrincipalMatch.ACCOUNT;
            }
        }
        for (String kind : new String[] {"Service", "Federated", "CanonicalUser"}) {
            if (spec.values(kind).contains(principal)) {
                return PrincipalMatch.DIRECT;
            }
        }
        return best;
    }

    // A role ARN in a Principal covers the sessions of that role; the role's path is not in the session ARN.
    private static boolean sameRole(String value, PrincipalName caller) {
        if (caller.roleName() == null || !value.contains(":role/")) {
            return false;
        }
        String account = Arns.account(value);
        String name = value.substring(value.lastIndexOf('/') + 1);
        return name.equals(caller.roleName()) && account != null && account.equals(caller.account());
    }

    private static String accountOfRoot(String value) {
        String[] parts = Arns.split(value);
        return parts != null && "root".equals(parts[5]) ? parts[4] : null;
    }
}
