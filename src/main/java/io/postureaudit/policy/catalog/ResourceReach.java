package io.postureaudit.policy.catalog;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which actions a Resource pattern can grant at all: a statement applies to an action only on the resources the
 * action works on, so a pattern grants it only when it can match some ARN of one of the action's resource types
 * (their ARN formats from the Service Authorization Reference); an action without resource types is authorised
 * against {@code *} and only a pattern matching {@code *} grants it (IAM User Guide, "IAM JSON policy elements:
 * Resource"). Results are cached per pattern; thread-safe.
 */
final class ResourceReach {

    private final int actionCount;
    private final List<int[]> templates = new ArrayList<>();
    private final List<BitSet> actionsOfType = new ArrayList<>();
    private final Map<String, List<Integer>> typesByArnService = new HashMap<>();
    private final BitSet unknownTypes;
    private final Map<String, BitSet> cache = new ConcurrentHashMap<>();

    /**
     * @param formats per service prefix, resource type name (lower case) → ARN format
     * @param actions the catalogue, whose resource type names refer to {@code formats} of their own service
     */
    ResourceReach(Map<String, Map<String, String>> formats, List<ActionInfo> actions) {
        this.actionCount = actions.size();
        List<BitSet> typeActions = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> service : formats.entrySet()) {
            for (Map.Entry<String, String> type : service.getValue().entrySet()) {
                BitSet ofType = new BitSet(actionCount);
                index.put(service.getKey() + ":" + type.getKey(), typeActions.size());
                add(type.getValue(), ofType);
                // CloudWatch Logs authorises most log group actions on the ARN with a trailing ":*" (CloudWatch Logs
                // User Guide, "Overview of managing access permissions": both log group ARN forms are used).
                if ("logs".equals(service.getKey()) && "log-group".equals(type.getKey())) {
                    add(type.getValue() + ":*", ofType);
                }
                typeActions.add(ofType);
            }
        }
        // An action naming a type the data does not describe is never narrowed: it counts as reached by any pattern.
        this.unknownTypes = new BitSet(actionCount);
        for (ActionInfo a : actions) {
            for (String name : a.resourceTypes()) {
                String key = a.service() + ":" + stripRequired(name).toLowerCase(Locale.ROOT);
                Integer t = index.get(key);
                if (t == null) {
                    unknownTypes.set(a.index());
                } else {
                    typeActions.get(t).set(a.index());
                }
            }
        }
    }

    // One ARN form of a resource type; actionsOfType[t] is shared by every form of the same type.
    private void add(String format, BitSet ofType) {
        int t = templates.size();
        templates.add(ResourcePatterns.template(format));
        actionsOfType.add(ofType);
        String[] fields = format.split(":", 4);
        String arnService = fields.length > 2 ? fields[2] : "";
        typesByArnService.computeIfAbsent(arnService, k -> new ArrayList<>()).add(t);
    }

    /** ORs into {@code target} the actions {@code pattern} (variables already widened to {@code *}) can grant. */
    void orInto(String pattern, BitSet target) {
        target.or(cache.computeIfAbsent(pattern, this::compute));
    }

    /** True when {@code pattern} can grant {@code action} (a catalogue index). */
    boolean reaches(String pattern, int action) {
        return cache.computeIfAbsent(pattern, this::compute).get(action);
    }

    private BitSet compute(String pattern) {
        BitSet out = new BitSet(actionCount);
        if (Wildcards.matches(pattern, "*", false)) {
            out.set(0, actionCount);
            return out;
        }
        out.or(unknownTypes);
        int[] compiled = ResourcePatterns.policy(pattern);
        for (int t : candidates(pattern)) {
            if (ResourcePatterns.overlap(compiled, templates.get(t))) {
                out.or(actionsOfType.get(t));
            }
        }
        return out;
    }

    // With a literal partition and service field only formats of that service can match; otherwise try them all.
    private Iterable<Integer> candidates(String pattern) {
        String[] fields = pattern.split(":", 4);
        if (fields.length > 2 && "arn".equals(fields[0]) && literal(fields[1]) && literal(fields[2])) {
            return typesByArnService.getOrDefault(fields[2], List.of());
        }
        List<Integer> all = new ArrayList<>(templates.size());
        for (int t = 0; t < templates.size(); t++) {
            all.add(t);
        }
        return all;
    }

    private static boolean literal(String field) {
        return field.indexOf('*') < 0 && field.indexOf('?') < 0;
    }

    private static String stripRequired(String name) {
        return name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
    }
}
