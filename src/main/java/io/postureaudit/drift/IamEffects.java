package io.postureaudit.drift;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.policy.AnalysisSettings;
import io.postureaudit.policy.PrincipalAnalysis;
import io.postureaudit.policy.PrincipalAnalyzer;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.PolicyResolver;
import io.postureaudit.policy.effective.PrincipalPolicies;
import io.postureaudit.policy.effective.StatementCache;
import io.postureaudit.policy.risk.RiskCategory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The semantic effect of IAM-bearing changes, computed with the policy engine. Each change is judged against the
 * account as it is now: the affected principals are analysed in the current snapshot and in the same snapshot
 * with only that resource put back as it was, so changes made together (a new group and a user joining it) each
 * show what they contribute, and a rewrite that means the same has an empty effect.
 */
@ApplicationScoped
public class IamEffects {

    private static final Set<String> IAM_BEARING = Set.of(ResourceTypes.IAM_USER, ResourceTypes.IAM_GROUP,
            ResourceTypes.IAM_ROLE, ResourceTypes.IAM_POLICY, ResourceTypes.IDC_PERMISSION_SET,
            ResourceTypes.IDC_ASSIGNMENT);
    // Usage ages are not part of a change: analyse both sides at one fixed instant without usage data.
    private static final Clock FIXED = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private final ActionCatalog catalog;
    private final PrincipalAnalyzer analyzer;

    public IamEffects() {
        this(ActionCatalog.standard());
    }

    public IamEffects(ActionCatalog catalog) {
        this.catalog = catalog;
        this.analyzer = new PrincipalAnalyzer(catalog, AnalysisSettings.DEFAULTS);
    }

    /** Types whose changes can move someone's access. */
    public static boolean bearsIam(String type) {
        return IAM_BEARING.contains(type);
    }

    /** Adds effect (and the cosmetic flag) to the IAM-bearing changes; the snapshot is read only if one is there. */
    List<ChangeStore.Pending> apply(List<ChangeStore.Pending> pending, Supplier<List<CollectedResource>> now) {
        if (pending.stream().noneMatch(p -> bearsIam(p.change().resourceType()))) {
            return pending;
        }
        World world = new World(now.get());
        List<ChangeStore.Pending> out = new ArrayList<>();
        for (ChangeStore.Pending p : pending) {
            Change ch = p.change();
            if (!bearsIam(ch.resourceType())) {
                out.add(p);
                continue;
            }
            Effect effect = world.effect(ch);
            out.add(new ChangeStore.Pending(ch.withEffect(effect, cosmetic(ch, effect)), p.resourceId(),
                    p.beforeVersionId(), p.afterVersionId()));
        }
        return out;
    }

    /** The effect of one change, given the account's IAM-bearing resources as they are now. */
    public Effect effect(List<CollectedResource> now, Change change) {
        return new World(now).effect(change);
    }

    /**
     * A modification is cosmetic when its text changed but not its meaning: the spelling of its policies alone, or
     * (for IAM) every changed field inside a policy document and no effect on anyone's access.
     */
    public static boolean cosmetic(Change change, Effect effect) {
        if (!Change.MODIFIED.equals(change.change())) {
            return false;
        }
        if (PolicyText.cosmeticOnly(change.before(), change.after())) {
            return true;
        }
        // A policy's new default version that means the same is cosmetic: its version id is not meaning.
        return effect != null && effect.isEmpty() && change.fields().stream()
                .filter(f -> !(ResourceTypes.IAM_POLICY.equals(change.resourceType())
                        && f.path().equals("/defaultVersionId")))
                .allMatch(f -> PolicyText.insidePolicy(change.before(), f.path())
                        && PolicyText.insidePolicy(change.after(), f.path()));
    }

    /** What one principal can do in one snapshot. */
    private record Access(BitSet allowed, Set<String> risks, Set<String> escalations, Set<String> trust) {
        static final Access NONE = new Access(new BitSet(), Set.of(), Set.of(), Set.of());
    }

    /** The current snapshot, its resolver and the analyses made in it (shared by every change of the scan). */
    private final class World {
        final List<CollectedResource> resources;
        final Map<String, CollectedResource> byArn = new LinkedHashMap<>();
        final PolicyResolver resolver;
        final StatementCache cache = new StatementCache();
        final Map<String, Access> analysed = new HashMap<>();
        Map<String, Set<String>> holders;

        World(List<CollectedResource> resources) {
            this.resources = resources;
            resources.forEach(r -> byArn.put(r.arn(), r));
            this.resolver = new PolicyResolver(resources);
        }

        Effect effect(Change ch) {
            CollectedResource before = ch.before().isEmpty() ? null : resource(ch, ch.before());
            CollectedResource after = ch.after().isEmpty() ? null : resource(ch, ch.after());
            if (ResourceTypes.IDC_ASSIGNMENT.equals(ch.resourceType())) {
                return assignment(before, after);
            }
            List<CollectedResource> then = new ArrayList<>(resources.size());
            for (CollectedResource r : resources) {
                if (!r.arn().equals(ch.resourceArn())) {
                    then.add(r);
                }
            }
            if (before != null) {
                then.add(before);
            }
            Set<String> principals = new TreeSet<>();
            boolean principal = isPrincipal(ch.resourceType());
            if (principal) {
                principals.add(ch.resourceArn());
            } else if (ResourceTypes.IAM_GROUP.equals(ch.resourceType())) {
                String group = String.valueOf((after != null ? after : before).data().get("groupName"));
                for (CollectedResource r : resources) {
                    if (ResourceTypes.IAM_USER.equals(r.type()) && list(r.data().get("groups")).contains(group)) {
                        principals.add(r.arn());
                    }
                }
            } else {
                principals.addAll(holders().getOrDefault(ch.resourceArn(), Set.of()));
            }
            if (principals.isEmpty() && !principal) {
                return unheld(ch, then, after);
            }
            // Only a change to a policy or group alters how others resolve; principals reuse the current resolver.
            PolicyResolver thenResolver = principal ? resolver : new PolicyResolver(then);
            Map<String, CollectedResource> thenByArn = new HashMap<>();
            then.forEach(r -> thenByArn.put(r.arn(), r));
            Delta delta = new Delta();
            for (String arn : principals) {
                Access was = thenByArn.containsKey(arn) ? access(thenResolver, thenByArn.get(arn)) : Access.NONE;
                Access is = byArn.containsKey(arn) ? analysed.computeIfAbsent(arn, a -> access(resolver, byArn.get(a)))
                        : Access.NONE;
                delta.add(arn, was, is);
            }
            return delta.effect();
        }

        /**
         * A policy nobody holds, or a group without members, still means something: judge it as held by one probe
         * principal (a role attached to the policy, a user in the group), so that widening an unattached policy is
         * not mistaken for a cosmetic edit. No principal is named, since nobody's access moved yet.
         */
        Effect unheld(Change ch, List<CollectedResource> then, CollectedResource after) {
            CollectedResource probe = probe(ch, after != null ? after : resource(ch, ch.before()));
            List<CollectedResource> was = new ArrayList<>(then);
            was.add(probe);
            List<CollectedResource> is = new ArrayList<>(resources);
            is.add(probe);
            Delta delta = new Delta();
            delta.add(null, access(new PolicyResolver(was), probe), access(new PolicyResolver(is), probe));
            return delta.effect();
        }

        /** An assignment gives (or takes) a permission set's access in one account to one person or group. */
        Effect assignment(CollectedResource before, CollectedResource after) {
            CollectedResource a = after != null ? after : before;
            Object setArn = a.data().get("permissionSetArn");
            Object account = a.data().get("accountId");
            String who = a.data().get("principalType") + ":" + (a.data().get("principalName") != null
                    ? a.data().get("principalName") : a.data().get("principalId"));
            CollectedResource set = setArn == null ? null : byArn.get(setArn.toString());
            Access access = Access.NONE;
            if (set != null) {
                for (PrincipalPolicies p : resolver.principals(List.of(set))) {
                    if (account == null || account.toString().equals(p.accountId())) {
                        access = union(access, access(p));
                    }
                }
            }
            Delta delta = new Delta();
            delta.add(who, before == null ? Access.NONE : access, after == null ? Access.NONE : access);
            return delta.effect();
        }

        Map<String, Set<String>> holders() {
            if (holders == null) {
                holders = new HashMap<>();
                for (PrincipalPolicies p : resolver.principals(resources)) {
                    p.managedArns().forEach(arn -> holders.computeIfAbsent(arn, k -> new TreeSet<>()).add(p.arn()));
                    Object boundary = p.source().data().get("permissionsBoundary");
                    if (boundary instanceof Map<?, ?> b && b.get("arn") != null) {
                        holders.computeIfAbsent(b.get("arn").toString(), k -> new TreeSet<>()).add(p.arn());
                    } else if (boundary instanceof Map<?, ?> b && b.get("customerManagedPolicyReference")
                            instanceof Map<?, ?> ref) {
                        String path = ref.get("path") == null ? "/" : ref.get("path").toString();
                        holders.computeIfAbsent("arn:aws:iam::" + p.accountId() + ":policy" + path + ref.get("name"),
                                k -> new TreeSet<>()).add(p.arn());
                    } else if (boundary instanceof Map<?, ?> b && b.get("managedPolicyArn") != null) {
                        holders.computeIfAbsent(b.get("managedPolicyArn").toString(), k -> new TreeSet<>())
                                .add(p.arn());
                    }
                }
            }
            return holders;
        }

        Access access(PolicyResolver with, CollectedResource principal) {
            Access out = Access.NONE;
            for (PrincipalPolicies p : with.principals(List.of(principal))) {
                out = union(out, access(p));
            }
            return out;
        }

        Access access(PrincipalPolicies p) {
            EffectivePermissions permissions = EffectivePermissions.of(catalog, p.identity(), p.boundary(), cache);
            PrincipalAnalysis analysis = analyzer.analyze(p, cache, FIXED);
            Set<String> risks = new TreeSet<>();
            analysis.risks().stream().filter(r -> r.category() != RiskCategory.UNUSED_ACCESS)
                    .forEach(r -> risks.add(r.category().id()));
            Set<String> escalations = new TreeSet<>();
            list(analysis.facts().get("escalationMethods")).forEach(e -> escalations.add(String.valueOf(e)));
            return new Access(permissions.allowed(), risks, escalations, TrustPrincipals.of(p.trust(),
                    p.accountId()));
        }
    }

    private static Access union(Access a, Access b) {
        BitSet allowed = (BitSet) a.allowed().clone();
        allowed.or(b.allowed());
        return new Access(allowed, merge(a.risks(), b.risks()), merge(a.escalations(), b.escalations()),
                merge(a.trust(), b.trust()));
    }

    private static Set<String> merge(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    /** Accumulates what moved over the affected principals. */
    private final class Delta {
        final BitSet granted = new BitSet();
        final BitSet revoked = new BitSet();
        final Set<String> trustAdded = new TreeSet<>();
        final Set<String> trustRemoved = new TreeSet<>();
        final Set<String> risksAdded = new TreeSet<>();
        final Set<String> risksRemoved = new TreeSet<>();
        final Set<String> escalationsAdded = new TreeSet<>();
        final Set<String> escalationsRemoved = new TreeSet<>();
        final Set<String> principals = new TreeSet<>();

        void add(String principal, Access was, Access is) {
            BitSet plus = (BitSet) is.allowed().clone();
            plus.andNot(was.allowed());
            BitSet minus = (BitSet) was.allowed().clone();
            minus.andNot(is.allowed());
            boolean moved = !plus.isEmpty() || !minus.isEmpty();
            granted.or(plus);
            revoked.or(minus);
            moved |= diff(was.trust(), is.trust(), trustAdded, trustRemoved);
            moved |= diff(was.risks(), is.risks(), risksAdded, risksRemoved);
            moved |= diff(was.escalations(), is.escalations(), escalationsAdded, escalationsRemoved);
            if (moved && principal != null) {
                principals.add(principal);
            }
        }

        Effect effect() {
            return new Effect(compress(granted), compress(revoked), List.copyOf(trustAdded),
                    List.copyOf(trustRemoved), List.copyOf(risksAdded), List.copyOf(risksRemoved),
                    List.copyOf(principals), List.copyOf(escalationsAdded), List.copyOf(escalationsRemoved));
        }
    }

    private static boolean diff(Set<String> was, Set<String> is, Set<String> added, Set<String> removed) {
        boolean moved = false;
        for (String s : is) {
            if (!was.contains(s)) {
                added.add(s);
                moved = true;
            }
        }
        for (String s : was) {
            if (!is.contains(s)) {
                removed.add(s);
                moved = true;
            }
        }
        return moved;
    }

    /** Action ids, a whole service as {@code svc:*} and everything as {@code *}, so {@code *:*} is not 15,000 ids. */
    List<String> compress(BitSet actions) {
        if (actions.cardinality() == catalog.size() && catalog.size() > 0) {
            return List.of("*");
        }
        List<String> out = new ArrayList<>();
        BitSet rest = (BitSet) actions.clone();
        for (String service : catalog.services()) {
            int[] range = catalog.serviceRange(service).orElseThrow();
            int next = rest.nextClearBit(range[0]);
            if (range[1] > range[0] && next >= range[1]) {
                out.add(service + ":*");
                rest.clear(range[0], range[1]);
            }
        }
        List<String> single = catalog.ids(rest);
        List<String> all = new ArrayList<>(out);
        all.addAll(single);
        all.sort(String.CASE_INSENSITIVE_ORDER);
        return all;
    }

    private static CollectedResource probe(Change ch, CollectedResource changed) {
        String account = ch.accountId();
        Map<String, Object> data = new LinkedHashMap<>();
        if (ResourceTypes.IAM_GROUP.equals(ch.resourceType())) {
            String arn = "arn:aws:iam::" + account + ":user/posture-audit-drift-probe";
            data.put("userName", "posture-audit-drift-probe");
            data.put("arn", arn);
            data.put("groups", List.of(String.valueOf(changed.data().get("groupName"))));
            return new CollectedResource(arn, ResourceTypes.IAM_USER, account, ResourceTypes.GLOBAL_REGION,
                    "posture-audit-drift-probe", data, Map.of());
        }
        String arn = "arn:aws:iam::" + account + ":role/posture-audit-drift-probe";
        data.put("roleName", "posture-audit-drift-probe");
        data.put("arn", arn);
        data.put("attachedPolicies", List.of(Map.of("policyName", String.valueOf(changed.name()),
                "policyArn", ch.resourceArn())));
        return new CollectedResource(arn, ResourceTypes.IAM_ROLE, account, ResourceTypes.GLOBAL_REGION,
                "posture-audit-drift-probe", data, Map.of());
    }

    private static boolean isPrincipal(String type) {
        return ResourceTypes.IAM_USER.equals(type) || ResourceTypes.IAM_ROLE.equals(type)
                || ResourceTypes.IDC_PERMISSION_SET.equals(type);
    }

    private static CollectedResource resource(Change ch, Map<String, Object> data) {
        return new CollectedResource(ch.resourceArn(), ch.resourceType(), ch.accountId(), ch.region(), ch.name(),
                data, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
