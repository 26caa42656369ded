package io.postureaudit.policy;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.iam.IamFields;
import io.postureaudit.collect.identitycenter.IdentityCenterFields;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.ImpossibleConditions;
import io.postureaudit.policy.effective.PolicyResolver;
import io.postureaudit.policy.effective.PrincipalPolicies;
import io.postureaudit.policy.effective.StatementCache;
import io.postureaudit.policy.risk.LeastPrivilegeScore;
import io.postureaudit.policy.risk.PermissionRisks;
import io.postureaudit.policy.risk.RightSizer;
import io.postureaudit.policy.risk.RightSizing;
import io.postureaudit.policy.risk.Risk;
import io.postureaudit.policy.risk.TrustRisks;
import io.postureaudit.policy.risk.UnusedAccess;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the least-privilege analysis: every IAM user, group, role and Identity Center permission set among the
 * collected resources (of one or more accounts) with its risks, facts, score and right-sizing suggestion. Output
 * order follows input order; the same input and clock give the same output.
 */
public final class PrincipalAnalyzer {

    private final ActionCatalog catalog;
    private final AnalysisSettings settings;

    public PrincipalAnalyzer(ActionCatalog catalog, AnalysisSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
    }

    /** With the packed catalogue and default settings (90 days). */
    public static List<PrincipalAnalysis> analyze(List<CollectedResource> resources, Clock clock) {
        return new PrincipalAnalyzer(ActionCatalog.standard(), AnalysisSettings.DEFAULTS).analyzeAll(resources, clock);
    }

    public List<PrincipalAnalysis> analyzeAll(List<CollectedResource> resources, Clock clock) {
        return analyzeAll(resources, clock, ReadCoverage.COMPLETE);
    }

    /** As above, with the parts that lack a read (per {@code coverage}) marked not judged. */
    public List<PrincipalAnalysis> analyzeAll(List<CollectedResource> resources, Clock clock, ReadCoverage coverage) {
        PolicyResolver resolver = new PolicyResolver(resources);
        StatementCache cache = new StatementCache();
        Map<String, List<String>> assignments = assignments(resources);
        Map<String, List<String>> members = members(resources);
        List<PrincipalAnalysis> out = new ArrayList<>();
        for (PrincipalPolicies principal : resolver.principals(resources)) {
            List<String> holders = "iam.group".equals(principal.type())
                    ? members.getOrDefault(principal.accountId() + "/" + principal.name(), List.of())
                    : assignments.getOrDefault(principal.arn() + "|" + principal.accountId(), List.of());
            out.add(analyze(principal, cache, clock, holders, coverage));
        }
        return out;
    }

    // The users of each group ("account/groupName" → user ARNs): a group's risk is every member's.
    private static Map<String, List<String>> members(List<CollectedResource> resources) {
        Map<String, List<String>> out = new HashMap<>();
        for (CollectedResource r : resources) {
            if (ResourceTypes.IAM_USER.equals(r.type()) && r.data().get(IamFields.GROUPS) instanceof List<?> groups) {
                for (Object g : groups) {
                    out.computeIfAbsent(r.accountId() + "/" + g, k -> new ArrayList<>()).add(r.arn());
                }
            }
        }
        return out;
    }

    // Who holds a permission set in an account, as "USER:name" / "GROUP:name", for rules such as "admin set
    // assigned to a group".
    private static Map<String, List<String>> assignments(List<CollectedResource> resources) {
        Map<String, List<String>> out = new HashMap<>();
        for (CollectedResource r : resources) {
            if (ResourceTypes.IDC_ASSIGNMENT.equals(r.type())) {
                Map<String, Object> d = r.data();
                out.computeIfAbsent(d.get(IdentityCenterFields.PERMISSION_SET_ARN) + "|" + d.get(IdentityCenterFields.ACCOUNT_ID), k -> new ArrayList<>())
                        .add(d.get(IdentityCenterFields.PRINCIPAL_TYPE) + ":" + (d.get(IdentityCenterFields.PRINCIPAL_NAME) != null
                                ? d.get(IdentityCenterFields.PRINCIPAL_NAME) : d.get(IdentityCenterFields.PRINCIPAL_ID)));
            }
        }
        return out;
    }

    /** Analyses one principal whose policies are already gathered. */
    public PrincipalAnalysis analyze(PrincipalPolicies principal, StatementCache cache, Clock clock) {
        return analyze(principal, cache, clock, List.of(), ReadCoverage.COMPLETE);
    }

    private PrincipalAnalysis analyze(PrincipalPolicies principal, StatementCache cache, Clock clock,
            List<String> assignedTo, ReadCoverage coverage) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("type", principal.type());
        facts.put("name", principal.name());
        List<Map<String, Object>> notJudged = new ArrayList<>();
        // A document that could not be read may hold any grant or deny: judging the rest as if it were absent would
        // make the most dangerous principal look the safest. Its part is not judged, and it has no score.
        List<String> permissionErrors = principal.errors().stream()
                .filter(e -> !e.startsWith(PolicyResolver.TRUST + ":")).toList();
        List<String> trustErrors = principal.errors().stream()
                .filter(e -> e.startsWith(PolicyResolver.TRUST + ":")).toList();
        permissionErrors.forEach(e -> notJudged.add(ReadCoverage.notJudged("permissions", "unreadable policy " + e)));
        trustErrors.forEach(e -> notJudged.add(ReadCoverage.notJudged("trust", "unreadable policy " + e)));
        // Statements whose condition can never hold for this principal grant and deny nothing: leave them out.
        ImpossibleConditions.Principal known = ImpossibleConditions.Principal.of(principal);
        ImpossibleConditions.Result identity = ImpossibleConditions.filter(principal.identity(), known,
                clock.instant());
        ImpossibleConditions.Result boundary = principal.boundary() == null ? null
                : ImpossibleConditions.filter(principal.boundary(), known, clock.instant());
        List<String> impossible = new ArrayList<>();
        identity.removed().forEach(r -> impossible.add(r.policy() + "/" + r.statement() + ": " + r.reason()));
        if (boundary != null) {
            boundary.removed().forEach(r -> impossible.add(r.policy() + "/" + r.statement() + ": " + r.reason()));
        }
        facts.put("impossibleStatements", impossible);
        EffectivePermissions permissions = EffectivePermissions.of(catalog,
                permissionErrors.isEmpty() ? identity.policies() : List.of(),
                permissionErrors.isEmpty() && boundary != null ? boundary.policies() : null, cache);
        List<Risk> risks = new ArrayList<>(PermissionRisks.analyse(permissions, principal.accountId(),
                SelfTargets.of(principal), facts));
        if ("iam.role".equals(principal.type()) && trustErrors.isEmpty()) {
            risks.addAll(TrustRisks.analyse(principal.trust(), principal.accountId(), facts));
        }
        RightSizing suggestion = null;
        if ("iam.user".equals(principal.type()) || "iam.role".equals(principal.type())) {
            List<Map<String, Object>> missing = coverage.unusedAccessGaps(principal.arn(), principal.type(),
                    principal.accountId());
            if (missing.isEmpty()) {
                risks.addAll(UnusedAccess.analyse(principal, clock, settings.unusedDays(), facts));
                if (permissionErrors.isEmpty()) {
                    suggestion = RightSizer.suggest(permissions, principal, clock, settings.unusedDays());
                }
            } else {
                missing.stream().distinct().forEach(notJudged::add);
            }
        }
        // Every principal carries every key, so CEL rules never need has() for facts another type lacks.
        facts.putIfAbsent("publicTrust", false);
        facts.putIfAbsent("crossAccountTrust", false);
        facts.putIfAbsent("crossAccountPrincipals", List.of());
        facts.putIfAbsent("federatedWithoutSubject", List.of());
        facts.putIfAbsent("unusedServices", List.of());
        facts.putIfAbsent("daysSinceLastUse", null);
        facts.putIfAbsent("neverUsed", false);
        facts.putIfAbsent("unusedPrincipal", false);
        facts.putIfAbsent("unusedAccessKeys", List.of());
        facts.putIfAbsent("unusedPassword", false);
        // Permission sets: who holds it in that account; groups: the ARNs of their members.
        facts.put("assignments", "iam.group".equals(principal.type()) ? List.of() : assignedTo);
        facts.put("members", "iam.group".equals(principal.type()) ? assignedTo : List.of());
        facts.put("unresolvedPolicies", principal.unresolved());
        facts.put("bundledPolicies", principal.bundled());
        facts.put("policyErrors", principal.errors());
        facts.put("notJudged", notJudged);
        boolean judged = permissionErrors.isEmpty() && trustErrors.isEmpty();
        facts.put("judged", judged);
        Integer score = judged ? LeastPrivilegeScore.compute(facts, catalog.size()) : null;
        facts.put("score", score);
        return new PrincipalAnalysis(principal.arn(), principal.type(), principal.accountId(), principal.name(),
                score, risks, facts, suggestion, principal.unresolved(), principal.errors());
    }
}
