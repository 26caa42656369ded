package io.postureaudit.drift;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Field-level diff of two JSON-like values with JSON-pointer paths. Objects are compared key by key and lists of
 * equal length element by element; anything else that differs is one change at its path. Paths matching a noisy
 * pattern (segments, {@code *} for any one segment) never count, nor does anything beneath them.
 */
public final class JsonDiff {

    private JsonDiff() {
    }

    public static List<FieldChange> diff(Object before, Object after, List<String> noisyPatterns) {
        List<String[]> noisy = noisyPatterns.stream().map(JsonDiff::segments).toList();
        List<FieldChange> out = new ArrayList<>();
        walk("", new ArrayList<>(), before, after, noisy, out);
        return out;
    }

    private static void walk(String path, List<String> segments, Object a, Object b, List<String[]> noisy,
            List<FieldChange> out) {
        if (same(a, b) || isNoisy(segments, noisy)) {
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeSet<String> keys = new TreeSet<>();
            ma.keySet().forEach(k -> keys.add(String.valueOf(k)));
            mb.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String key : keys) {
                segments.add(key);
                walk(path + "/" + escape(key), segments, ma.get(key), mb.get(key), noisy, out);
                segments.remove(segments.size() - 1);
            }
            return;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) {
                segments.add(Integer.toString(i));
                walk(path + "/" + i, segments, la.get(i), lb.get(i), noisy, out);
                segments.remove(segments.size() - 1);
            }
            return;
        }
        out.add(new FieldChange(path, a, b));
    }

    /** Deep equality where 1, 1L and 1.0 are the same number (JSON does not tell them apart). */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            return new BigDecimal(na.toString()).compareTo(new BigDecimal(nb.toString())) == 0;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !same(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!same(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean isNoisy(List<String> segments, List<String[]> noisy) {
        for (String[] pattern : noisy) {
            if (pattern.length == 0 || pattern.length > segments.size()) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < pattern.length && match; i++) {
                match = pattern[i].equals("*") || pattern[i].equals(segments.get(i));
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** {@code /a/b~1c} → {@code [a, b/c]}. */
    static String[] segments(String pointer) {
        if (pointer.isEmpty()) {
            return new String[0];
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("noisy field: expected a JSON pointer starting with '/', found '"
                    + pointer + "'");
        }
        String[] parts = pointer.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].replace("~1", "/").replace("~0", "~");
        }
        return parts;
    }

    /** RFC 6901: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
