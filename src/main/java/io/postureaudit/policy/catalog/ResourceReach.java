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
 * Resource"). Each (pattern, resource type) pair is decided once, when an action first asks; thread-safe.
 */
final class ResourceReach {

    private final List<int[][]> forms = new ArrayList<>();      // per type: its ARN forms, compiled
    private final List<String> arnService = new ArrayList<>();  // per type: the service field of its ARNs
    private final int[][] typesOfAction;
    private final BitSet unknownTypes;
    private final Map<String, BitSet> actionsByArnService = new HashMap<>();  // actions with a type of that service field
    private final Map<String, PatternReach> patterns = new ConcurrentHashMap<>();

    /**
     * @param formats per service prefix, resource type name (lower case) → ARN format
     * @param actions the catalogue, whose resource type names refer to {@code formats} of their own service
     */
    ResourceReach(Map<String, Map<String, String>> formats, List<ActionInfo> actions) {
        Map<String, Integer> index = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> service : formats.entrySet()) {
            for (Map.Entry<String, String> type : service.getValue().entrySet()) {
                index.put(service.getKey() + ":" + type.getKey(), forms.size());
                String format = type.getValue();
                // CloudWatch Logs authorises most log group actions on the ARN with a trailing ":*" (CloudWatch Logs
                // User Guide, "Overview of managing access permissions": both log group ARN forms are used).
                boolean logGroup = "logs".equals(service.getKey()) && "log-group".equals(type.getKey());
                forms.add(logGroup
                        ? new int[][] {ResourcePatterns.template(format), ResourcePatterns.template(format + ":*")}
                        : new int[][] {ResourcePatterns.template(format)});
                String[] fields = format.split(":", 4);
                arnService.add(fields.length > 2 ? fields[2] : "");
            }
        }
        // An action naming a type the data does not describe is never narrowed: it counts as reached by any pattern.
        this.unknownTypes = new BitSet(actions.size());
        this.typesOfAction = new int[actions.size()][];
        for (ActionInfo a : actions) {
            int[] types = new int[a.resourceTypes().size()];
            int n = 0;
            for (String name : a.resourceTypes()) {
                Integer t = index.get(a.service() + ":" + stripRequired(name).toLowerCase(Locale.ROOT));
                if (t == null) {
                    unknownTypes.set(a.index());
                } else {
                    types[n++] = t;
                    actionsByArnService.computeIfAbsent(arnService.get(t), k -> new BitSet()).set(a.index());
                }
            }
            typesOfAction[a.index()] = java.util.Arrays.copyOf(types, n);
        }
    }

    /** Sets in {@code target} those of {@code among} that {@code pattern} (variables widened to *) can grant. */
    void orInto(String pattern, BitSet among, BitSet target) {
        PatternReach p = patterns.computeIfAbsent(pattern, PatternReach::new);
        if (p.everything) {
            target.or(among);
            return;
        }
        if (p.service == null) {
            for (int a = among.nextSetBit(0); a >= 0; a = among.nextSetBit(a + 1)) {
                if (reaches(p, a)) {
                    target.set(a);
                }
            }
            return;
        }
        // A pattern with a literal service field can only name that service's ARNs: only the actions with such a
        // resource type are asked (and those of undescribed types, which every pattern reaches).
        BitSet unknown = (BitSet) unknownTypes.clone();
        unknown.and(among);
        target.or(unknown);
        BitSet candidates = actionsByArnService.get(p.service);
        if (candidates != null) {
            for (int a = candidates.nextSetBit(0); a >= 0; a = candidates.nextSetBit(a + 1)) {
                if (among.get(a) && reaches(p, a)) {
                    target.set(a);
                }
            }
        }
    }

    /** True when {@code pattern} can grant {@code action} (a catalogue index). */
    boolean reaches(String pattern, int action) {
        PatternReach p = patterns.computeIfAbsent(pattern, PatternReach::new);
        return p.everything || reaches(p, action);
    }

    private boolean reaches(PatternReach p, int action) {
        if (unknownTypes.get(action)) {
            return true;
        }
        for (int t : typesOfAction[action]) {
            if (p.reaches(t)) {
                return true;
            }
        }
        return false;
    }

    private static String stripRequired(String name) {
        return name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
    }

    /** One pattern's answers per resource type, filled in as actions ask. */
    private final class PatternReach {
        final boolean everything;
        final int[] compiled;
        final String service;   // the literal service field, or null when the pattern leaves it open
        private final BitSet decided = new BitSet();
        private final BitSet named = new BitSet();

        PatternReach(String pattern) {
            this.everything = Wildcards.matches(pattern, "*", false);
            this.compiled = ResourcePatterns.policy(pattern);
            String[] fields = pattern.split(":", 4);
            // With a literal partition and service field only formats of that service can match.
            boolean literal = fields.length > 2 && "arn".equals(fields[0]) && literal(fields[1]) && literal(fields[2]);
            this.service = literal ? fields[2] : null;
        }

        synchronized boolean reaches(int type) {
            if (!decided.get(type)) {
                decided.set(type);
                if (service == null || service.equals(arnService.get(type))) {
                    for (int[] form : forms.get(type)) {
                        if (ResourcePatterns.overlap(compiled, form)) {
                            named.set(type);
                            break;
                        }
                    }
                }
            }
            return named.get(type);
        }

        private static boolean literal(String field) {
            return field.indexOf('*') < 0 && field.indexOf('?') < 0;
        }
    }
}
