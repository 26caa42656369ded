package io.postureaudit.policy.risk;

import io.postureaudit.policy.catalog.AccessLevel;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ActionInfo;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.Evidence;
import io.postureaudit.policy.effective.Grant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Risks that follow from what an identity may do: admin (by pattern and by behaviour), escalation, data
 * exfiltration, resource exposure, credentials exposure and infrastructure modification. Writes the matching facts.
 */
public final class PermissionRisks {

    /** Share of all actions an admin-by-pattern grant must reach unconstrained, besides every IAM action. */
    static final double ADMIN_SHARE = 0.95;
    private static final int LISTED = 10;

    private PermissionRisks() {
    }

    /**
     * @param selfTargets ARNs the principal could change to raise its own permissions: its own ARN, its groups,
     *                    the customer managed policies it uses (empty for a lone policy)
     */
    public static List<Risk> analyse(EffectivePermissions p, String account, List<String> selfTargets,
            Map<String, Object> facts) {
        List<Risk> risks = new ArrayList<>();
        ActionCatalog catalog = p.catalog();
        BitSet unconstrained = p.unconstrained();
        BitSet allowed = p.allowed();

        boolean admin = isAdmin(catalog, unconstrained);
        facts.put("isAdmin", admin);
        if (admin) {
            int bit = catalog.find("iam:AttachRolePolicy").orElseThrow().index();
            risks.add(new Risk(RiskCategory.ADMIN, "Full administrator: every action on every resource without "
                    + "conditions.", p.evidence(bit)));
        }
        List<Risk> selfChange = selfModification(p, selfTargets);
        boolean adminEquivalent = admin || !selfChange.isEmpty();
        facts.put("adminEquivalent", adminEquivalent);
        if (!admin) {
            risks.addAll(selfChange);
        }

        List<EscalationFinding> escalations = EscalationDetector.detect(p, account);
        facts.put("escalationMethods", escalations.stream().map(e -> e.method().id()).toList());
        facts.put("unconditionalEscalation", escalations.stream().anyMatch(e -> !e.conditional()));
        if (!admin) {
            for (EscalationFinding e : escalations) {
                risks.add(new Risk(RiskCategory.PRIVILEGE_ESCALATION, e.method().title() + " (" + e.method().id()
                        + ": " + e.method().requirements().stream().map(EscalationMethod.Requirement::action).toList()
                        + (e.conditional() ? ", under conditions on " + conditionKeys(p, e.evidence()) : "") + ").",
                        e.evidence()));
            }
        }

        List<String> exfiltration = unconstrainedOf(p, ActionLists.EXFILTRATION);
        facts.put("exfiltrationActions", exfiltration);
        facts.put("canReadAllData", ActionLists.ALL_DATA.stream().allMatch(p::isUnconstrained));
        if (!exfiltration.isEmpty()) {
            risks.add(listed(RiskCategory.DATA_EXFILTRATION, "Can read data on every resource with ", exfiltration, p));
        }

        // Permissions management outside the identity services: only the permissions-management actions are visited,
        // not every unconstrained one (thousands for a wide set).
        BitSet exposing = catalog.atLevel(AccessLevel.PERMISSIONS_MANAGEMENT);
        exposing.and(unconstrained);
        List<String> exposure = new ArrayList<>();
        for (int i = exposing.nextSetBit(0); i >= 0; i = exposing.nextSetBit(i + 1)) {
            ActionInfo a = catalog.get(i);
            if (!ActionLists.IDENTITY_SERVICES.contains(a.service())) {
                exposure.add(a.id());
            }
        }
        facts.put("resourceExposureActionCount", exposure.size());
        facts.put("resourceExposureActions", exposure.stream().limit(50).toList());
        if (!exposure.isEmpty()) {
            risks.add(listed(RiskCategory.RESOURCE_EXPOSURE, "Can change resource policies or sharing on every "
                    + "resource with ", exposure, p));
        }

        List<String> credentials = new ArrayList<>();
        for (String action : ActionLists.CREDENTIALS) {
            if (p.grant(action, "*").isPresent()) {
                credentials.add(action);
            }
        }
        facts.put("credentialsExposureActions", credentials);
        if (!credentials.isEmpty()) {
            risks.add(listed(RiskCategory.CREDENTIALS_EXPOSURE, "Can create, reset or reveal credentials with ",
                    credentials, p));
        }

        List<String> infrastructure = unconstrainedOf(p, ActionLists.INFRASTRUCTURE);
        facts.put("infrastructureActions", infrastructure);
        if (!infrastructure.isEmpty()) {
            risks.add(listed(RiskCategory.INFRASTRUCTURE_MODIFICATION, "Can change infrastructure or its controls "
                    + "on every resource with ", infrastructure, p));
        }

        Map<AccessLevel, Integer> byLevel = p.allowedByLevel(allowed);
        facts.put("allowedActionCount", allowed.cardinality());
        facts.put("unconstrainedActionCount", unconstrained.cardinality());
        facts.put("conditionalOnlyActionCount", p.conditionalOnly().cardinality());
        facts.put("writeActionCount", byLevel.get(AccessLevel.WRITE));
        facts.put("permissionsManagementActionCount", byLevel.get(AccessLevel.PERMISSIONS_MANAGEMENT));
        facts.put("unknownActions", p.unknownActions());
        facts.put("hasBoundary", p.hasBoundary());
        return risks;
    }

    /** Every IAM action and nearly every other one, on every resource, unconditionally (after denies/boundary). */
    public static boolean isAdmin(ActionCatalog catalog, BitSet unconstrained) {
        int[] iam = catalog.serviceRange("iam").orElseThrow();
        if (unconstrained.nextClearBit(iam[0]) < iam[1]) {
            return false;
        }
        return unconstrained.cardinality() >= ADMIN_SHARE * catalog.size();
    }

    private static final List<String[]> SELF_ACTIONS = List.of(
            new String[] {":user/", "iam:AttachUserPolicy"}, new String[] {":user/", "iam:PutUserPolicy"},
            new String[] {":group/", "iam:AttachGroupPolicy"}, new String[] {":group/", "iam:PutGroupPolicy"},
            new String[] {":role/", "iam:AttachRolePolicy"}, new String[] {":role/", "iam:PutRolePolicy"},
            new String[] {":policy/", "iam:CreatePolicyVersion"},
            new String[] {":permissionSet/", "sso:PutInlinePolicyToPermissionSet"},
            new String[] {":permissionSet/", "sso:AttachManagedPolicyToPermissionSet"});

    // Behavioural admin: a principal that can rewrite a policy it holds can grant itself anything.
    private static List<Risk> selfModification(EffectivePermissions p, List<String> selfTargets) {
        List<Risk> risks = new ArrayList<>();
        for (String target : selfTargets) {
            for (String[] pair : SELF_ACTIONS) {
                if (!target.contains(pair[0])) {
                    continue;
                }
                Optional<Grant> grant = p.grant(pair[1], target);
                if (grant.isEmpty()) {
                    continue;
                }
                List<Evidence> evidence = new ArrayList<>(grant.get().evidence());
                if (pair[1].startsWith("sso:")) {
                    // A permission-set change only reaches the accounts once provisioned.
                    Optional<Grant> provision = p.grant("sso:ProvisionPermissionSet", target);
                    if (provision.isEmpty()) {
                        continue;
                    }
                    evidence.addAll(provision.get().evidence());
                }
                risks.add(new Risk(RiskCategory.ADMIN, "Admin-equivalent: can use " + pair[1] + " on " + target
                        + ", which it holds itself" + (grant.get().conditional() ? " (under conditions)" : "") + ".",
                        evidence));
            }
        }
        return risks;
    }

    private static List<String> unconstrainedOf(EffectivePermissions p, List<String> actions) {
        List<String> out = new ArrayList<>();
        for (String a : actions) {
            if (p.isUnconstrained(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private static Risk listed(RiskCategory category, String prefix, List<String> actions, EffectivePermissions p) {
        Set<Evidence> evidence = new LinkedHashSet<>();
        for (String a : actions.subList(0, Math.min(LISTED, actions.size()))) {
            p.catalog().find(a).ifPresent(info -> evidence.addAll(p.evidence(info.index())));
        }
        String shown = String.join(", ", actions.subList(0, Math.min(LISTED, actions.size())))
                + (actions.size() > LISTED ? " and " + (actions.size() - LISTED) + " more" : "");
        return new Risk(category, prefix + shown + ".", new ArrayList<>(evidence));
    }

    // The keys that narrow a conditional grant, so a reader sees what stands between the principal and the method.
    private static String conditionKeys(EffectivePermissions p, List<Evidence> evidence) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (var s : p.identityStatements()) {
            if (s.allow() && evidence.contains(s.evidence())) {
                s.statement().conditions().forEach(c -> keys.add(c.key()));
            }
        }
        return keys.isEmpty() ? "its boundary" : String.join(", ", keys);
    }
}
