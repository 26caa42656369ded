package io.postureaudit.policy;

import io.postureaudit.policy.model.Condition;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PolicyParseException;
import io.postureaudit.policy.model.PolicyParser;
import io.postureaudit.policy.model.PrincipalSpec;
import io.postureaudit.policy.model.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Whether two policy documents say the same thing, read through the policy engine's parser: statement order,
 * Sids, whitespace, a single value versus a one-element list, the case of action names and condition operators,
 * and a bare account id versus its root ARN make no difference. A document that does not parse is never
 * equivalent to anything (not even to itself), so an edit that broke a document shows as a change.
 */
public final class PolicyEquivalence {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final String DEFAULT_VERSION = "2008-10-17";

    private PolicyEquivalence() {
    }

    /** @param a, b JSON text (possibly URL-encoded), a map as collectors normalise it, or null for no document */
    public static boolean equivalent(Object a, Object b) {
        if (isEmpty(a) || isEmpty(b)) {
            return isEmpty(a) && isEmpty(b);
        }
        try {
            return canonical(parse(a)).equals(canonical(parse(b)));
        } catch (PolicyParseException e) {
            return false;
        }
    }

    private static boolean isEmpty(Object document) {
        return document == null || document instanceof String s && s.isBlank()
                || document instanceof Map<?, ?> m && m.isEmpty();
    }

    private static PolicyDocument parse(Object document) {
        if (document instanceof Map<?, ?> map) {
            return PolicyParser.parseMap(map);
        }
        return PolicyParser.parse(String.valueOf(document));
    }

    private record CanonicalStatement(String effect, boolean notAction, Set<String> actions, boolean notResource,
            Set<String> resources, boolean notPrincipal, Object principal, Set<List<String>> conditions) {
    }

    private record Canonical(String version, Set<CanonicalStatement> statements) {
    }

    private static Canonical canonical(PolicyDocument document) {
        Set<CanonicalStatement> statements = new HashSet<>();
        for (Statement s : document.statements()) {
            Set<String> actions = new TreeSet<>();
            s.actions().forEach(a -> actions.add(a.toLowerCase(Locale.ROOT)));
            Set<String> resources = s.resources() == null ? null : new TreeSet<>(s.resources());
            Set<List<String>> conditions = new HashSet<>();
            for (Condition c : s.conditions()) {
                conditions.add(List.of(c.operatorName().toLowerCase(Locale.ROOT), c.key().toLowerCase(Locale.ROOT),
                        String.join("\u0000", new TreeSet<>(c.values()))));
            }
            statements.add(new CanonicalStatement(s.effect().name(), s.notAction(), actions, s.notResource(),
                    resources, s.notPrincipal(), principal(s.principal()), conditions));
        }
        return new Canonical(document.version() == null ? DEFAULT_VERSION : document.version(), statements);
    }

    private static Object principal(PrincipalSpec spec) {
        if (spec == null) {
            return null;
        }
        if (spec.anyone()) {
            return "*";
        }
        Map<String, Set<String>> byKind = new TreeMap<>();
        spec.byKind().forEach((kind, values) -> {
            Set<String> normalised = new TreeSet<>();
            for (String v : values) {
                normalised.add("AWS".equals(kind) && ACCOUNT_ID.matcher(v).matches() ? "arn:aws:iam::" + v + ":root" : v);
            }
            byKind.put(kind, normalised);
        });
        return byKind;
    }
}
