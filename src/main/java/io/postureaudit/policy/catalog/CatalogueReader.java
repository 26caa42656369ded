package io.postureaudit.policy.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the catalogue's line format written by {@code src/main/npm/build-actions.js} (one record per line, tab
 * separated: {@code C} source, {@code S} service, {@code A} action, {@code T} resource type). It is read at every
 * start, so it is parsed line by line into the catalogue's own records, without a JSON tree; repeated strings
 * (condition keys, resource type names) are shared.
 */
final class CatalogueReader {

    private CatalogueReader() {
    }

    static ActionCatalog read(InputStream gzipped, String resource) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16);
        List<ActionInfo> actions = new ArrayList<>(23_000);
        Map<String, String> names = new HashMap<>();
        Map<String, Map<String, String>> formats = new HashMap<>();
        Map<String, String> shared = new HashMap<>();
        Map<String, List<String>> sharedLists = new HashMap<>();
        String source = null;
        String prefix = null;
        Map<String, String> types = null;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "C" -> source = field(f, 1, resource, lineNo) + "@" + field(f, 2, resource, lineNo);
                case "S" -> {
                    prefix = field(f, 1, resource, lineNo).toLowerCase(Locale.ROOT);
                    names.put(prefix, field(f, 2, resource, lineNo));
                    types = new HashMap<>();
                    formats.put(prefix, types);
                }
                case "A" -> {
                    if (prefix == null) {
                        throw malformed(resource, lineNo, "an S line before the first action", line);
                    }
                    actions.add(new ActionInfo(actions.size(), prefix, field(f, 1, resource, lineNo),
                            AccessLevel.ofCode(field(f, 2, resource, lineNo)),
                            list(field(f, 3, resource, lineNo), shared, sharedLists),
                            list(field(f, 4, resource, lineNo), shared, sharedLists)));
                }
                case "T" -> {
                    if (types == null) {
                        throw malformed(resource, lineNo, "an S line before the first resource type", line);
                    }
                    types.put(field(f, 1, resource, lineNo), field(f, 2, resource, lineNo));
                }
                default -> throw malformed(resource, lineNo, "a line starting with C, S, A or T", line);
            }
        }
        if (source == null) {
            throw malformed(resource, lineNo, "a C line naming the data's source", "none");
        }
        return new ActionCatalog(source, actions, names, formats);
    }

    private static String field(String[] f, int i, String resource, int lineNo) {
        if (i >= f.length) {
            throw malformed(resource, lineNo, (i + 1) + " tab-separated fields", f.length + " fields");
        }
        return f[i];
    }

    private static List<String> list(String joined, Map<String, String> shared, Map<String, List<String>> lists) {
        if (joined.isEmpty()) {
            return List.of();
        }
        List<String> hit = lists.get(joined);
        if (hit != null) {
            return hit;
        }
        String[] parts = joined.split(",");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = shared.computeIfAbsent(parts[i], k -> k);
        }
        List<String> made = List.of(parts);
        lists.put(joined, made);
        return made;
    }

    private static IllegalStateException malformed(String resource, int line, String expected, String found) {
        return new IllegalStateException(resource + ":" + line + ": expected " + expected + ", found "
                + (found.length() > 80 ? found.substring(0, 80) + "…" : found));
    }
}
