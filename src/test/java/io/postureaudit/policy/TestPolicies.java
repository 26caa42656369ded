package io.postureaudit.policy;

import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.StatementCache;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PolicyParser;
import java.util.ArrayList;
import java.util.List;

/** Builds policy documents for tests from compact JSON written with single quotes. */
public final class TestPolicies {

    private TestPolicies() {
    }

    public static PolicyDocument doc(String singleQuotedJson) {
        return PolicyParser.parse(singleQuotedJson.replace('\'', '"'));
    }

    /** {"Version","Statement":[...]} around the given statements. */
    public static PolicyDocument statements(String... statements) {
        return doc("{'Version':'2012-10-17','Statement':[" + String.join(",", statements) + "]}");
    }

    public static String allow(List<String> actions, String resource) {
        return "{'Effect':'Allow','Action':" + quoted(actions) + ",'Resource':'" + resource + "'}";
    }

    public static String deny(List<String> actions, String resource) {
        return "{'Effect':'Deny','Action':" + quoted(actions) + ",'Resource':'" + resource + "'}";
    }

    public static NamedPolicy named(String name, PolicyDocument doc) {
        return new NamedPolicy(name, doc);
    }

    public static EffectivePermissions permissions(List<PolicyDocument> identity, List<PolicyDocument> boundary) {
        List<NamedPolicy> id = new ArrayList<>();
        for (int i = 0; i < identity.size(); i++) {
            id.add(named("p" + i, identity.get(i)));
        }
        List<NamedPolicy> b = null;
        if (boundary != null) {
            b = new ArrayList<>();
            for (int i = 0; i < boundary.size(); i++) {
                b.add(named("boundary" + i, boundary.get(i)));
            }
        }
        return EffectivePermissions.of(ActionCatalog.standard(), id, b, new StatementCache());
    }

    /** The JSON as the plain maps and lists collectors store. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> toMap(String singleQuotedJson) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(singleQuotedJson.replace('\'', '"'),
                    java.util.Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuotedJson, e);
        }
    }

    private static String quoted(List<String> values) {
        return "[" + String.join(",", values.stream().map(v -> "'" + v + "'").toList()) + "]";
    }
}
