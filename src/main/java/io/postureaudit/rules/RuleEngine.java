package io.postureaudit.rules;

import dev.cel.runtime.CelEvaluationException;
import io.postureaudit.collect.CollectedResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates the catalogue over one account's resources. A rule that fails on a resource is an unknown, not a
 * pass: it is reported so that the finding it may have raised is not resolved.
 */
@ApplicationScoped
public class RuleEngine {

    private final RuleCatalog catalog;

    public RuleEngine(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    /** A rule that could not be evaluated for a resource. */
    public record EvaluationError(String ruleId, String resourceArn, String error) {
    }

    /** Hits, errors, and the ids of the rules that were evaluated. */
    public record Result(List<RuleHit> hits, List<EvaluationError> errors, Set<String> evaluatedRules) {
    }

    /**
     * @param principals least-privilege facts by principal ARN (may be empty)
     */
    public Result evaluate(Map<String, Object> account, List<CollectedResource> resources,
            Map<String, Map<String, Object>> principals, Instant now) {
        List<CompiledRule> rules = catalog.rules();
        Map<String, List<CompiledRule>> byType = new HashMap<>();
        for (CompiledRule rule : rules) {
            rule.definition().resourceTypes().forEach(t -> byType.computeIfAbsent(t, k -> new ArrayList<>()).add(rule));
        }
        Object celAccount = CelEnvironment.celValue(account);
        Object celNow = CelEnvironment.timestamp(now);
        List<RuleHit> hits = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        for (CollectedResource resource : resources) {
            List<CompiledRule> applicable = byType.get(resource.type());
            if (applicable == null) {
                continue;
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put("resource", CelEnvironment.celValue(asMap(resource)));
            variables.put("account", celAccount);
            variables.put("principal", CelEnvironment.celValue(principals.getOrDefault(resource.arn(), Map.of())));
            variables.put("now", celNow);
            for (CompiledRule rule : applicable) {
                try {
                    if (rule.matches(variables)) {
                        hits.add(new RuleHit(rule.definition(), resource, rule.message(variables)));
                    }
                } catch (CelEvaluationException | RuntimeException e) {
                    errors.add(new EvaluationError(rule.id(), resource.arn(), e.getMessage()));
                }
            }
        }
        return new Result(hits, errors, rules.stream().map(CompiledRule::id).collect(Collectors.toSet()));
    }

    /** The {@code resource} variable rules see. */
    public static Map<String, Object> asMap(CollectedResource resource) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("arn", resource.arn());
        map.put("type", resource.type());
        map.put("accountId", resource.accountId());
        map.put("region", resource.region());
        map.put("name", resource.name());
        map.put("data", resource.data());
        map.put("observed", resource.observed());
        return map;
    }
}
