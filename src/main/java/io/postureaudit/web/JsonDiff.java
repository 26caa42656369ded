package io.postureaudit.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What changed between two versions of a resource document, leaf by leaf, as JSON pointers. */
final class JsonDiff {

    /** One changed leaf: null before = added, null after = removed. */
    record Change(String path, String before, String after) {
        public boolean added() {
            return before == null;
        }

        public boolean removed() {
            return after == null;
        }
    }

    private JsonDiff() {
    }

    static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> out = new ArrayList<>();
        walk("", before, after, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a != null && b != null && a.equals(b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                walk(path + "/" + key.replace("~", "~0").replace("/", "~1"), a.get(key), b.get(key), out);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                walk(path + "/" + i, a.get(i), b.get(i), out);
            }
            return;
        }
        out.add(new Change(path.isEmpty() ? "/" : path, text(a), text(b)));
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() ? null : node.isTextual() ? node.asText() : node.toString();
    }

}
