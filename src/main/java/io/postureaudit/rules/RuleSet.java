package io.postureaudit.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One catalogue snapshot: the compiled rules, indexed once by resource type so that evaluation never searches,
 * and the settings that switch rules off or regrade them per account.
 */
public record RuleSet(List<CompiledRule> rules, Map<String, List<CompiledRule>> byType, RuleSettings settings) {

    public static RuleSet of(List<CompiledRule> rules, RuleSettings settings) {
        Map<String, List<CompiledRule>> byType = new HashMap<>();
        for (CompiledRule rule : rules) {
            rule.definition().resourceTypes().forEach(t -> byType.computeIfAbsent(t, k -> new ArrayList<>()).add(rule));
        }
        Map<String, List<CompiledRule>> frozen = new HashMap<>();
        byType.forEach((type, list) -> frozen.put(type, List.copyOf(list)));
        return new RuleSet(List.copyOf(rules), Map.copyOf(frozen), settings);
    }

    /** The rules that apply to each resource type in one account, disabled ones left out. */
    public Map<String, List<CompiledRule>> enabledByType(String accountId) {
        Map<String, List<CompiledRule>> out = new HashMap<>();
        byType.forEach((type, list) -> {
            List<CompiledRule> enabled = list.stream().filter(r -> settings.enabled(r.id(), accountId)).toList();
            if (!enabled.isEmpty()) {
                out.put(type, enabled);
            }
        });
        return out;
    }
}
