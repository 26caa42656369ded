package io.postureaudit.terraform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Small readers over the loosely typed maps and lists of state attributes and live {@code data}. */
final class Values {

    private Values() {
    }

    /** Null, "" and an empty list all mean "not set" in Terraform's attributes. */
    static Object normal(Object value) {
        if (value == null || value instanceof String s && s.isEmpty()
                || value instanceof Collection<?> c && c.isEmpty()) {
            return null;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return value;
    }

    static boolean same(Object a, Object b) {
        Object x = normal(a);
        Object y = normal(b);
        if (x instanceof String || y instanceof String) {
            return Objects.equals(x == null ? null : String.valueOf(x), y == null ? null : String.valueOf(y));
        }
        return Objects.equals(x, y);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    /** The first element of a nested block list ({@code default_action = [{…}]}), or an empty map. */
    static Map<String, Object> block(Object value) {
        List<Object> l = list(value);
        return l.isEmpty() ? Map.of() : map(l.get(0));
    }

    /** The values of {@code key} in a list of maps, e.g. the policy ARNs of {@code attachedPolicies}. */
    static List<String> pluck(Object listOfMaps, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(listOfMaps)) {
            Object v = map(o).get(key);
            if (v != null) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        list(value).forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    /** The account field of an ARN, when it is twelve digits. */
    static String accountOf(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    /** The region field of an ARN, or null for global ones. */
    static String regionOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    }

    /** Escapes a JSON pointer token (RFC 6901). */
    static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
