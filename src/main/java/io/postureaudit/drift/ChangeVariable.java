package io.postureaudit.drift;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.policy.model.PolicyParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code change} variable drift rules see, and the resource they judge. Every key is always present so rules
 * need no {@code has()} for the record itself: {@code effect} holds empty lists for resources without IAM effect
 * ({@code hasEffect} tells), {@code actor} is an empty map when unattributed and {@code by} is {@code ""} or
 * {@code " by <who>"} for messages; {@code before} / {@code after} are the data maps (empty on the absent side);
 * {@code policyPrincipalsAdded} / {@code policyPrincipalsRemoved} list principals an Allow statement of the
 * resource's own policy ({@code data.policy}, e.g. a KMS key policy) names now / no longer.
 */
public final class ChangeVariable {

    private ChangeVariable() {
    }

    public static Map<String, Object> of(Change c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("scanId", c.scanId());
        v.put("previousScanId", c.previousScanId());
        v.put("accountId", c.accountId());
        v.put("region", c.region());
        v.put("resourceType", c.resourceType());
        v.put("resourceArn", c.resourceArn());
        v.put("name", c.name() == null ? c.resourceArn() : c.name());
        v.put("change", c.change());
        v.put("cosmetic", c.cosmetic());
        List<Map<String, Object>> fields = new ArrayList<>();
        for (FieldChange f : c.fields()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", f.path());
            m.put("before", f.before());
            m.put("after", f.after());
            fields.add(m);
        }
        v.put("fields", fields);
        v.put("paths", c.fields().stream().map(FieldChange::path).toList());
        io.postureaudit.drift.Effect e = c.effect() == null ? io.postureaudit.drift.Effect.NONE : c.effect();
        Map<String, Object> effect = new LinkedHashMap<>();
        effect.put("granted", e.granted());
        effect.put("revoked", e.revoked());
        effect.put("trustAdded", e.trustAdded());
        effect.put("trustRemoved", e.trustRemoved());
        effect.put("risksAdded", e.risksAdded());
        effect.put("risksRemoved", e.risksRemoved());
        effect.put("principals", e.principals());
        effect.put("escalationsAdded", e.escalationsAdded());
        effect.put("escalationsRemoved", e.escalationsRemoved());
        v.put("effect", effect);
        v.put("hasEffect", c.effect() != null);
        v.put("actor", c.actor() == null ? Map.of() : c.actor());
        v.put("by", by(c.actor()));
        v.put("before", c.before());
        v.put("after", c.after());
        Set<String> was = policyPrincipals(c.before());
        Set<String> is = policyPrincipals(c.after());
        v.put("policyPrincipalsAdded", is.stream().filter(p -> !was.contains(p)).toList());
        v.put("policyPrincipalsRemoved", was.stream().filter(p -> !is.contains(p)).toList());
        return v;
    }

    /** The resource a drift rule judges: as it is now, or as last seen when deleted. */
    public static CollectedResource resource(Change c) {
        Map<String, Object> data = Change.DELETED.equals(c.change()) ? c.before() : c.after();
        return new CollectedResource(c.resourceArn(), c.resourceType(), c.accountId(), c.region(), c.name(), data,
                Map.of());
    }

    private static String by(Map<String, Object> actor) {
        if (actor == null || actor.isEmpty()) {
            return "";
        }
        Object who = actor.get("userName") != null ? actor.get("userName") : actor.get("principal");
        return who == null ? "" : " by " + who;
    }

    private static Set<String> policyPrincipals(Map<String, Object> data) {
        if (!(data.get("policy") instanceof Map<?, ?> policy)) {
            return new TreeSet<>();
        }
        try {
            return TrustPrincipals.named(PolicyParser.parseMap(policy));
        } catch (RuntimeException e) {
            return new TreeSet<>();
        }
    }
}
