package io.postureaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.collect.CollectedResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule in {@code rules/} against its own examples: each {@code fail-*.json} must trigger it, each
 * {@code pass-*.json} must not, and a rule without both kinds fails the build.
 */
class RuleExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DEFAULT_NOW = Instant.parse("2026-11-27T00:00:00Z");
    private final RuleLoader loader = new RuleLoader(new CelEnvironment());

    @TestFactory
    Stream<DynamicTest> shouldTriggerOnFailExamplesAndNotOnPassExamples() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> ruleFiles;
        try (Stream<Path> paths = Files.walk(Path.of("rules"))) {
            ruleFiles = paths.filter(p -> p.getFileName().toString().equals("rule.yaml")).sorted().toList();
        }
        assertFalse(ruleFiles.isEmpty(), "expected rules under rules/");
        for (Path file : ruleFiles) {
            CompiledRule rule = loader.load(file.toString(), file.getParent().getFileName().toString(),
                    Files.readString(file));
            Path examples = file.getParent().resolve("examples");
            List<Path> cases;
            try (Stream<Path> list = Files.isDirectory(examples) ? Files.list(examples) : Stream.empty()) {
                cases = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            }
            tests.add(DynamicTest.dynamicTest(rule.id() + " has pass and fail examples", () -> {
                assertTrue(cases.stream().anyMatch(p -> p.getFileName().toString().startsWith("fail-")),
                        "rule " + rule.id() + " needs at least one examples/fail-*.json");
                assertTrue(cases.stream().anyMatch(p -> p.getFileName().toString().startsWith("pass-")),
                        "rule " + rule.id() + " needs at least one examples/pass-*.json");
            }));
            for (Path example : cases) {
                boolean shouldFail = example.getFileName().toString().startsWith("fail-");
                tests.add(DynamicTest.dynamicTest(rule.id() + " / " + example.getFileName(), () -> {
                    Map<String, Object> variables = variables(example);
                    boolean hit = rule.matches(variables);
                    assertEquals(shouldFail, hit, example + (shouldFail ? " should trigger " : " should not trigger ")
                            + rule.id());
                    if (hit) {
                        String message = rule.message(variables);
                        assertTrue(message.endsWith("."), "message should be a sentence: " + message);
                        assertFalse(message.contains("{{"), "message template left unrendered: " + message);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> variables(Path example) throws IOException {
        Map<String, Object> json = JSON.readValue(example.toFile(), new TypeReference<>() {
        });
        Map<String, Object> r = (Map<String, Object>) json.get("resource");
        CollectedResource resource = new CollectedResource((String) r.get("arn"), (String) r.get("type"),
                (String) r.get("accountId"), (String) r.get("region"), (String) r.get("name"),
                (Map<String, Object>) r.get("data"), (Map<String, Object>) r.get("observed"));
        Map<String, Object> account = (Map<String, Object>) json.getOrDefault("account",
                Map.of("id", resource.accountId(), "name", "example"));
        Instant now = json.containsKey("now") ? Instant.parse((String) json.get("now")) : DEFAULT_NOW;
        return Map.of("resource", CelEnvironment.celValue(RuleEngine.asMap(resource)),
                "account", CelEnvironment.celValue(account),
                "principal", CelEnvironment.celValue(json.getOrDefault("principal", Map.of())),
                "terraform", CelEnvironment.celValue(json.getOrDefault("terraform", Map.of())),
                "now", CelEnvironment.timestamp(now),
                "change", CelEnvironment.celValue(json.getOrDefault("change", Map.of())));
    }
}
