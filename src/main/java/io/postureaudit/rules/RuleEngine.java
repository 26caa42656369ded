package io.postureaudit.rules;

import dev.cel.runtime.CelEvaluationException;
import io.postureaudit.collect.CollectedResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the catalogue over one account's resources. A rule that fails on a resource is an unknown, not a
 * pass: it is reported so that the finding it may have raised is not resolved. Rules switched off for the
 * account are not evaluated, and hits carry the severity the account's settings give the rule.
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

    /**
     * Hits, errors, the ids of the rules that were evaluated, and how many (rule, resource) checks ran per
     * effective severity (the denominator of the posture score).
     */
    public record Result(List<RuleHit> hits, List<EvaluationError> errors, Set<String> evaluatedRules,
            Map<Severity, Long> checks) {

        /** The calls each evaluated rule reads ({@code service:Operation}; empty = all of its service's). */
        public Map<String, List<String>> reads(RuleSet ruleSet) {
            Map<String, List<String>> reads = new HashMap<>();
            for (CompiledRule rule : ruleSet.rules()) {
                if (evaluatedRules.contains(rule.id())) {
                    reads.put(rule.id(), rule.definition().reads());
                }
            }
            return reads;
        }
    }

    /** The catalogue as loaded now. */
    public RuleSet ruleSet() {
        return catalog.ruleSet();
    }

    /**
     * @param account    {@code id}, {@code name} (and {@code sample}) of the account the resources belong to
     * @param principals least-privilege facts by principal ARN (may be empty)
     */
    public Result evaluate(Map<String, Object> account, List<CollectedResource> resources,
            Map<String, Map<String, Object>> principals, Instant now) {
        return evaluate(catalog.ruleSet(), account, resources, principals, Map.of(), now);
    }

    /** @param terraform each resource's standing against Terraform state by ARN (may be empty) */
    public Result evaluate(Map<String, Object> account, List<CollectedResource> resources,
            Map<String, Map<String, Object>> principals, Map<String, Map<String, Object>> terraform, Instant now) {
        return evaluate(catalog.ruleSet(), account, resources, principals, terraform, now);
    }

    /** As above with an explicit catalogue snapshot (the benchmark and tests use their own). */
    public static Result evaluate(RuleSet ruleSet, Map<String, Object> account, List<CollectedResource> resources,
            Map<String, Map<String, Object>> principals, Instant now) {
        return evaluate(ruleSet, account, resources, principals, Map.of(), now);
    }

    /** As above with an explicit catalogue snapshot and Terraform facts. */
    public static Result evaluate(RuleSet ruleSet, Map<String, Object> account, List<CollectedResource> resources,
            Map<String, Map<String, Object>> principals, Map<String, Map<String, Object>> terraform, Instant now) {
        String accountId = account.get("id") == null ? null : String.valueOf(account.get("id"));
        Map<String, List<CompiledRule>> byType = ruleSet.enabledByType(accountId);
        Map<String, RuleDefinition> graded = new HashMap<>();
        // Every enabled rule counts as evaluated, even with no resource of its type: a type that vanished means
        // its findings are gone, and they must be able to resolve.
        Set<String> evaluated = new HashSet<>();
        for (CompiledRule rule : ruleSet.rules()) {
            // A change rule's finding stands for a change, not a state: a later scan that sees no change does not
            // resolve it; accepting a baseline (or suppression) does.
            if (ruleSet.settings().enabled(rule.id(), accountId) && !rule.definition().judgesChanges()) {
                evaluated.add(rule.id());
                graded.put(rule.id(), rule.definition().withSeverity(ruleSet.settings().severity(rule.definition(),
                        accountId)));
            }
        }
        Object celAccount = CelEnvironment.celValue(AccountFacts.enrich(account, resources));
        Object celNow = CelEnvironment.timestamp(now);
        Object noFacts = CelEnvironment.celValue(Map.of());
        List<RuleHit> hits = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        long[] checks = new long[Severity.values().length];
        for (CollectedResource resource : resources) {
            List<CompiledRule> applicable = byType.get(resource.type());
            if (applicable == null) {
                continue;
            }
            // Converted once per resource, then shared by every rule that applies to its type.
            Map<String, Object> variables = new HashMap<>(8);
            variables.put("resource", CelEnvironment.celValue(asMap(resource)));
            variables.put("account", celAccount);
            Map<String, Object> facts = principals.get(resource.arn());
            variables.put("principal", facts == null ? noFacts : CelEnvironment.celValue(facts));
            Map<String, Object> standing = terraform.get(resource.arn());
            variables.put("terraform", standing == null ? noFacts : CelEnvironment.celValue(standing));
            variables.put("now", celNow);
            variables.put("change", noFacts);
            judge(applicable, rule -> graded.get(rule.id()), variables, resource, hits, errors, checks);
        }
        return new Result(hits, errors, evaluated, bySeverity(checks));
    }

    /** Runs each applicable rule over one set of variables: a hit, an evaluation error, and one check each. */
    private static void judge(List<CompiledRule> applicable, java.util.function.Function<CompiledRule, RuleDefinition>
            graded, Map<String, Object> variables, CollectedResource resource, List<RuleHit> hits,
            List<EvaluationError> errors, long[] checks) {
        for (CompiledRule rule : applicable) {
            RuleDefinition definition = graded.apply(rule);
            checks[definition.severity().ordinal()]++;
            try {
                if (rule.matches(variables)) {
                    hits.add(new RuleHit(definition, resource, rule.message(variables)));
                }
            } catch (CelEvaluationException | RuntimeException e) {
                errors.add(new EvaluationError(rule.id(), resource.arn(), e.getMessage()));
            }
        }
    }

    private static Map<Severity, Long> bySeverity(long[] checks) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            bySeverity.put(s, checks[s.ordinal()]);
        }
        return bySeverity;
    }

    /** Change rules over one account's changes of one scan. */
    public Result evaluateChanges(Map<String, Object> account, List<CollectedResource> resources,
            List<ChangedResource> changes, Map<String, Map<String, Object>> principals, Instant now) {
        return evaluateChanges(catalog.ruleSet(), account, resources, changes, principals, now);
    }

    /**
     * As above with an explicit catalogue snapshot. The result's {@code evaluatedRules} is empty (change findings
     * never resolve by absence) and its checks count one per (change rule, change).
     */
    public static Result evaluateChanges(RuleSet ruleSet, Map<String, Object> account,
            List<CollectedResource> resources, List<ChangedResource> changes,
            Map<String, Map<String, Object>> principals, Instant now) {
        String accountId = account.get("id") == null ? null : String.valueOf(account.get("id"));
        Map<String, List<CompiledRule>> byType = ruleSet.enabledDriftByType(accountId);
        List<RuleHit> hits = new ArrayList<>();
        List<EvaluationError> errors = new ArrayList<>();
        long[] checks = new long[Severity.values().length];
        if (!changes.isEmpty() && !byType.isEmpty()) {
            Object celAccount = CelEnvironment.celValue(AccountFacts.enrich(account, resources));
            Object celNow = CelEnvironment.timestamp(now);
            Object noFacts = CelEnvironment.celValue(Map.of());
            for (ChangedResource changed : changes) {
                CollectedResource resource = changed.resource();
                List<CompiledRule> applicable = byType.get(resource.type());
                if (applicable == null) {
                    continue;
                }
                Map<String, Object> variables = new HashMap<>(8);
                variables.put("resource", CelEnvironment.celValue(asMap(resource)));
                variables.put("account", celAccount);
                Map<String, Object> facts = principals.get(resource.arn());
                variables.put("principal", facts == null ? noFacts : CelEnvironment.celValue(facts));
                variables.put("terraform", noFacts);
                variables.put("now", celNow);
                variables.put("change", CelEnvironment.celValue(changed.change()));
                judge(applicable, rule -> rule.definition().withSeverity(ruleSet.settings()
                        .severity(rule.definition(), accountId)), variables, resource, hits, errors, checks);
            }
        }
        return new Result(hits, errors, Set.of(), bySeverity(checks));
    }

    /** Ids of the loaded rules that carry {@code tag} (e.g. {@code terraform}). */
    public Set<String> ruleIdsTagged(String tag) {
        Set<String> out = new HashSet<>();
        for (CompiledRule rule : catalog.ruleSet().rules()) {
            if (rule.definition().tags() != null && rule.definition().tags().contains(tag)) {
                out.add(rule.id());
            }
        }
        return out;
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
