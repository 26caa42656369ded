package io.postureaudit.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One catalogue snapshot: the compiled rules, indexed once by resource type so that evaluation never searches
 * (resource rules and change rules apart: change rules judge changes between scans, not resources), and the settings that switch
 * rules off or regrade them per account.
 */
public record RuleSet(List<CompiledRule> rules, Map<String, List<CompiledRule>> byType,
        Map<String, List<CompiledRule>> driftByType, RuleSettings settings) {

    public static RuleSet of(List<CompiledRule> rules, RuleSettings settings) {
        return new RuleSet(List.copyOf(rules), index(rules, false), index(rules, true), settings);
    }

    private static Map<String, List<CompiledRule>> index(List<CompiledRule> rules, boolean drift) {
        Map<String, List<CompiledRule>> byType = new HashMap<>();
        for (CompiledRule rule : rules) {
            if (rule.definition().judgesChanges() == drift) {
                rule.definition().resourceTypes().forEach(t -> byType.computeIfAbsent(t, k -> new ArrayList<>())
                        .add(rule));
            }
        }
        Map<String, List<CompiledRule>> frozen = new HashMap<>();
        byType.forEach((type, list) -> frozen.put(type, List.copyOf(list)));
        return Map.copyOf(frozen);
    }

    /** The resource rules that apply to each resource type in one account, disabled ones left out. */
    public Map<String, List<CompiledRule>> enabledByType(String accountId) {
        return enabled(byType, accountId);
    }

    /** The drift rules that judge changes of each resource type in one account, disabled ones left out. */
    public Map<String, List<CompiledRule>> enabledDriftByType(String accountId) {
        return enabled(driftByType, accountId);
    }

    private Map<String, List<CompiledRule>> enabled(Map<String, List<CompiledRule>> index, String accountId) {
        Map<String, List<CompiledRule>> out = new HashMap<>();
        index.forEach((type, list) -> {
            List<CompiledRule> enabled = list.stream().filter(r -> settings.enabled(r.id(), accountId)).toList();
            if (!enabled.isEmpty()) {
                out.put(type, enabled);
            }
        });
        return out;
    }
}
