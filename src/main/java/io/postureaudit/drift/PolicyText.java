package io.postureaudit.drift;

import io.postureaudit.inventory.CanonicalJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Policy documents written differently but meaning the same: a single value or a one-element list, statements or
 * values in another order. {@link #canonical} rewrites every policy document inside a value (any object holding
 * {@code Statement}) into one spelling, so that two data maps differing only in spelling compare equal.
 */
public final class PolicyText {

    private static final Set<String> LIST_ELEMENTS = Set.of("Action", "NotAction", "Resource", "NotResource");

    private PolicyText() {
    }

    /** True when the two differ, but only in how their policy documents are spelled. */
    public static boolean cosmeticOnly(Object before, Object after) {
        return !JsonDiff.same(before, after) && JsonDiff.same(canonical(before), canonical(after));
    }

    /** True when {@code path} (a JSON pointer into {@code data}) lies inside a policy document of {@code data}. */
    public static boolean insidePolicy(Object data, String path) {
        Object node = data;
        for (String segment : JsonDiff.segments(path)) {
            if (node instanceof Map<?, ?> m && m.containsKey("Statement")) {
                return true;
            }
            if (node instanceof Map<?, ?> m) {
                node = m.get(segment);
            } else if (node instanceof List<?> l && segment.matches("\\d+") && Integer.parseInt(segment) < l.size()) {
                node = l.get(Integer.parseInt(segment));
            } else {
                return false;
            }
        }
        return node instanceof Map<?, ?> m && m.containsKey("Statement");
    }

    public static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("Statement")) {
                return policy(map);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(canonical(v)));
            return out;
        }
        return value;
    }

    private static Map<String, Object> policy(Map<?, ?> document) {
        Map<String, Object> out = new LinkedHashMap<>();
        document.forEach((k, v) -> out.put(String.valueOf(k), v));
        List<Object> statements = new ArrayList<>();
        for (Object s : asList(document.get("Statement"))) {
            statements.add(s instanceof Map<?, ?> m ? statement(m) : s);
        }
        statements.sort(Comparator.comparing(CanonicalJson::write));
        out.put("Statement", statements);
        return out;
    }

    private static Map<String, Object> statement(Map<?, ?> statement) {
        Map<String, Object> out = new LinkedHashMap<>();
        statement.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (LIST_ELEMENTS.contains(key)) {
                out.put(key, sortedStrings(v));
            } else if ((key.equals("Principal") || key.equals("NotPrincipal")) && v instanceof Map<?, ?> kinds) {
                Map<String, Object> p = new LinkedHashMap<>();
                kinds.forEach((kind, values) -> p.put(String.valueOf(kind), sortedStrings(values)));
                out.put(key, p);
            } else if (key.equals("Condition") && v instanceof Map<?, ?> operators) {
                Map<String, Object> c = new LinkedHashMap<>();
                operators.forEach((op, keys) -> {
                    Map<String, Object> byKey = new LinkedHashMap<>();
                    if (keys instanceof Map<?, ?> km) {
                        km.forEach((ck, cv) -> byKey.put(String.valueOf(ck), sortedStrings(cv)));
                    }
                    c.put(String.valueOf(op), byKey);
                });
                out.put(key, c);
            } else {
                out.put(key, v);
            }
        });
        return out;
    }

    private static List<Object> sortedStrings(Object value) {
        List<Object> out = new ArrayList<>(asList(value));
        out.sort(Comparator.comparing(String::valueOf));
        return out;
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }
}
