package io.postureaudit.drift;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.identitycenter.IdentityCenterFields;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The semantic effect of IAM-bearing changes, computed with the policy engine. Each change is judged against the
 * account as it is now: the affected principals are analysed in the current snapshot and in the same snapshot
 * with only that resource put back as it was, so changes made together (a new group and a user joining it) each
 * show what they contribute, and a rewrite that means the same has an empty effect. The snapshot may hold other
 * accounts' permission sets, policies and Identity Center holders, so that a change in one account names the people
 * whose access through another account's Identity Center it moves.
 */
@ApplicationScoped
public class IamEffects {

    private static final Set<String> IAM_BEARING = Set.of(ResourceTypes.IAM_USER, ResourceTypes.IAM_GROUP,
            ResourceTypes.IAM_ROLE, ResourceTypes.IAM_POLICY, ResourceTypes.IDC_PERMISSION_SET,
            ResourceTypes.IDC_ASSIGNMENT, ResourceTypes.IDC_GROUP);
    // Usage ages are not part of a change: analyse both sides at one fixed instant without usage data.
    private static final Clock FIXED = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private final ActionCatalog catalog;
    private final PrincipalAnalyzer analyzer;
    private final Delta.Order order;

    public IamEffects() {
        this(ActionCatalog.standard());
    }

    public IamEffects(ActionCatalog catalog) {
        this.catalog = catalog;
        this.analyzer = new PrincipalAnalyzer(catalog, AnalysisSettings.DEFAULTS);
        this.order = new Delta.Order(catalog);
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

    /**
     * The current snapshot, its resolver and the analyses made in it (shared by every change of the scan). A change
     * is judged against this snapshot with only the changed resource put back as it was; that "then" side is an
     * overlay (a resolver with one policy or group replaced, a lookup with one ARN replaced), never a copy of the
     * whole account per change.
     */
    private final class World {
        final List<CollectedResource> resources;
        final Map<String, CollectedResource> byArn = new LinkedHashMap<>();
        final PolicyResolver resolver;
        final StatementCache cache = new StatementCache();
        final Map<String, Access> analysed = new HashMap<>();
        // Permission set ARN → target account → what the set gives there, as this snapshot resolves it.
        final Map<String, Map<String, Access>> setsNow = new HashMap<>();
        final List<CollectedResource> users = new ArrayList<>();
        final List<CollectedResource> identityCenter = new ArrayList<>();
        Map<String, Set<String>> holders;
        Roster roster;

        World(List<CollectedResource> resources) {
            this.resources = resources;
            for (CollectedResource r : resources) {
                byArn.put(r.arn(), r);
                if (ResourceTypes.IAM_USER.equals(r.type())) {
                    users.add(r);
                } else if (r.type().startsWith("identitycenter.")) {
                    identityCenter.add(r);
                }
            }
            this.resolver = new PolicyResolver(resources);
        }

        Effect effect(Change ch) {
            CollectedResource before = ch.before().isEmpty() ? null : resource(ch, ch.before());
            CollectedResource after = ch.after().isEmpty() ? null : resource(ch, ch.after());
            if (ResourceTypes.IDC_ASSIGNMENT.equals(ch.resourceType())) {
                return assignment(ch, before, after);
            }
            if (ResourceTypes.IDC_GROUP.equals(ch.resourceType())) {
                return identityCenterGroup(ch, before, after);
            }
            Set<String> principals = new TreeSet<>();
            boolean principal = isPrincipal(ch.resourceType());
            if (principal) {
                principals.add(ch.resourceArn());
            } else if (ResourceTypes.IAM_GROUP.equals(ch.resourceType())) {
                String group = String.valueOf((after != null ? after : before).data().get("groupName"));
                for (CollectedResource r : users) {
                    if (list(r.data().get("groups")).contains(group)) {
                        principals.add(r.arn());
                    }
                }
            } else {
                principals.addAll(holders().getOrDefault(ch.resourceArn(), Set.of()));
            }
            // Only a change to a policy or group alters how others resolve; principals reuse the current resolver.
            PolicyResolver thenResolver = principal ? resolver : resolver.replacing(ch.resourceArn(), before);
            if (principals.isEmpty() && !principal) {
                return unheld(ch, thenResolver, after);
            }
            boolean set = ResourceTypes.IDC_PERMISSION_SET.equals(ch.resourceType());
            Map<String, Access> setThen = set ? byAccount(resolver, before) : Map.of();
            Delta delta = new Delta(order);
            for (String arn : principals) {
                CollectedResource then = arn.equals(ch.resourceArn()) ? before : byArn.get(arn);
                Access was = then == null ? Access.NONE
                        : set && arn.equals(ch.resourceArn()) ? union(setThen.values()) : access(thenResolver, then);
                Access is = byArn.containsKey(arn) ? now(arn) : Access.NONE;
                delta.add(arn, was, is);
            }
            if (set) {
                // Everyone holding the set, in each account they hold it in, with only the set put back as it was.
                people(roster().holders(ch.resourceArn()), roster(), h -> h.permissionSetArn().equals(
                        ch.resourceArn()) ? setThen.getOrDefault(h.accountId(), Access.NONE) : setNow(h), delta);
            } else if (ResourceTypes.IAM_POLICY.equals(ch.resourceType())) {
                peopleThroughSets(ch.accountId(), principals, thenResolver, delta);
            }
            return delta.effect();
        }

        /**
         * A permission set references a customer managed policy by name and path, resolved in each account it is
         * provisioned to: the policy's change in this account moves the access of everyone holding such a set here,
         * judged as for an edit of the set (the sets put back as they resolved before, in this account only).
         */
        void peopleThroughSets(String account, Set<String> holders, PolicyResolver then, Delta delta) {
            Map<String, Access> setsThen = new HashMap<>();
            Set<String> people = new TreeSet<>();
            for (String arn : holders) {
                CollectedResource set = byArn.get(arn);
                if (set == null || !ResourceTypes.IDC_PERMISSION_SET.equals(set.type())) {
                    continue;
                }
                setsThen.put(arn, byAccount(then, set).getOrDefault(account, Access.NONE));
                Roster.Holding here = new Roster.Holding(arn, account);
                for (String user : roster().holders(arn)) {
                    if (roster().holdings(user).contains(here)) {
                        people.add(user);
                    }
                }
            }
            Function<Roster.Holding, Access> wasSets = h -> account.equals(h.accountId())
                    && setsThen.containsKey(h.permissionSetArn()) ? setsThen.get(h.permissionSetArn()) : setNow(h);
            for (String user : people) {
                String name = roster().name(user) != null ? roster().name(user) : user;
                delta.add("USER:" + name, person(roster(), user, account, wasSets),
                        person(roster(), user, account, this::setNow));
            }
        }

        /**
         * A policy nobody holds, or a group without members, still means something: judge it as held by one probe
         * principal (a role attached to the policy, a user in the group), so that widening an unattached policy is
         * not mistaken for a cosmetic edit. No principal is named, since nobody's access moved yet.
         */
        Effect unheld(Change ch, PolicyResolver then, CollectedResource after) {
            CollectedResource probe = Holders.probe(ch, after != null ? after : resource(ch, ch.before()));
            Delta delta = new Delta(order);
            delta.add(null, access(then, probe), access(resolver, probe));
            return delta.effect();
        }

        /**
         * An assignment gives (or takes) a permission set's access in one account to one person, or to a group and
         * so to each of its members; a person who holds that access another way gains or loses nothing.
         */
        Effect assignment(Change ch, CollectedResource before, CollectedResource after) {
            CollectedResource a = after != null ? after : before;
            Map<String, Object> data = a.data();
            Delta delta = new Delta(order);
            String principalId = String.valueOf(data.get(IdentityCenterFields.PRINCIPAL_ID));
            Roster was = rosterWithout(ch, before);
            Set<String> people;
            if (Roster.GROUP.equals(data.get(IdentityCenterFields.PRINCIPAL_TYPE))) {
                Object setArn = data.get(IdentityCenterFields.PERMISSION_SET_ARN);
                Object account = data.get(IdentityCenterFields.ACCOUNT_ID);
                Access access = setArn == null || account == null ? Access.NONE
                        : setsNow(setArn.toString()).getOrDefault(account.toString(), Access.NONE);
                String who = "GROUP:" + (data.get(IdentityCenterFields.PRINCIPAL_NAME) != null
                        ? data.get(IdentityCenterFields.PRINCIPAL_NAME) : principalId);
                delta.add(who, before == null ? Access.NONE : access, after == null ? Access.NONE : access);
                people = new TreeSet<>(roster().members(principalId));
                people.addAll(was.members(principalId));
            } else {
                people = Set.of(principalId);
            }
            peopleBetween(people, was, roster(), this::setNow, delta);
            return delta.effect();
        }

        /** A group's members changed: each person who joined or left gains or loses what the group is assigned. */
        Effect identityCenterGroup(Change ch, CollectedResource before, CollectedResource after) {
            Set<String> people = new TreeSet<>(Roster.members(before));
            people.addAll(Roster.members(after));
            Delta delta = new Delta(order);
            peopleBetween(people, rosterWithout(ch, before), roster(), this::setNow, delta);
            return delta.effect();
        }

        /** People whose holdings are the same on both sides but whose permission sets' access may differ. */
        void people(Set<String> users, Roster both, Function<Roster.Holding, Access> wasSets, Delta delta) {
            peopleBetween(users, both, both, wasSets, delta);
        }

        /** Adds what each person can do in each account they hold something in, then and now. */
        void peopleBetween(Set<String> users, Roster was, Roster is, Function<Roster.Holding, Access> wasSets,
                Delta delta) {
            for (String user : users) {
                Set<String> accounts = new TreeSet<>();
                was.holdings(user).forEach(h -> accounts.add(h.accountId()));
                is.holdings(user).forEach(h -> accounts.add(h.accountId()));
                String name = is.name(user) != null ? is.name(user) : was.name(user) != null ? was.name(user) : user;
                for (String account : accounts) {
                    delta.add("USER:" + name, person(was, user, account, wasSets),
                            person(is, user, account, this::setNow));
                }
            }
        }

        Access person(Roster roster, String user, String account, Function<Roster.Holding, Access> sets) {
            Access out = Access.NONE;
            for (Roster.Holding h : roster.holdings(user)) {
                if (account.equals(h.accountId())) {
                    out = out.union(sets.apply(h));
                }
            }
            return out;
        }

        Roster roster() {
            if (roster == null) {
                roster = Roster.of(identityCenter);
            }
            return roster;
        }

        /** Identity Center as it was: this snapshot with only the changed resource put back (or left out). */
        Roster rosterWithout(Change ch, CollectedResource before) {
            List<CollectedResource> then = new ArrayList<>(identityCenter.size() + 1);
            for (CollectedResource r : identityCenter) {
                if (!r.arn().equals(ch.resourceArn())) {
                    then.add(r);
                }
            }
            if (before != null) {
                then.add(before);
            }
            return Roster.of(then);
        }

        /** A permission set's access in one target account, as this snapshot resolves it (cached). */
        Access setNow(Roster.Holding h) {
            return setsNow(h.permissionSetArn()).getOrDefault(h.accountId(), Access.NONE);
        }

        Map<String, Access> setsNow(String setArn) {
            return setsNow.computeIfAbsent(setArn, k -> byAccount(resolver, byArn.get(k)));
        }

        /** What a permission set gives in each target account it is provisioned to (empty for no set). */
        Map<String, Access> byAccount(PolicyResolver with, CollectedResource set) {
            Map<String, Access> out = new HashMap<>();
            if (set != null) {
                for (PrincipalPolicies p : with.principals(List.of(set))) {
                    out.merge(p.accountId(), access(p), Access::union);
                }
            }
            return out;
        }

        /** What a principal of this snapshot can do now (cached; a permission set in all its accounts together). */
        Access now(String arn) {
            Access known = analysed.get(arn);
            if (known == null) {
                CollectedResource r = byArn.get(arn);
                known = ResourceTypes.IDC_PERMISSION_SET.equals(r.type()) ? union(setsNow(arn).values())
                        : access(resolver, r);
                analysed.put(arn, known);
            }
            return known;
        }

        Map<String, Set<String>> holders() {
            if (holders == null) {
                holders = Holders.byPolicy(resolver.principals(resources));
            }
            return holders;
        }

        Access access(PolicyResolver with, CollectedResource principal) {
            Access out = Access.NONE;
            for (PrincipalPolicies p : with.principals(List.of(principal))) {
                out = out.union(access(p));
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

    private static Access union(java.util.Collection<Access> accesses) {
        Access out = Access.NONE;
        for (Access a : accesses) {
            out = out.union(a);
        }
        return out;
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
