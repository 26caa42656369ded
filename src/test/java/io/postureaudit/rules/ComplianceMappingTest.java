package io.postureaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each file in {@code rules/compliance/} maps a framework's control ids to rule ids. Every mapped rule must exist
 * and cite the control in its references, and every reference a rule makes to the framework must be mapped, so
 * the mapping and the rules cannot drift apart.
 */
class ComplianceMappingTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TestFactory
    Stream<DynamicTest> shouldMapExistingRulesBothWaysWhenFrameworkFileIsRead() throws IOException {
        Map<String, RuleDefinition> rules = new HashMap<>();
        RuleCatalogueTest.catalogue().forEach(r -> rules.put(r.id(), r.definition()));
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("rules", "compliance"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(3, files.size(), "expected CIS v3.0.0, CIS v4.0.1 and FSBP mappings, found " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode doc = YAML.readTree(file.toFile());
            String prefix = doc.path("reference").asText();
            assertFalse(prefix.isBlank(), file + ": expected a 'reference' prefix, found none");
            JsonNode controls = doc.path("controls");
            assertTrue(controls.isObject() && controls.size() > 0, file + ": expected a 'controls' mapping");
            TreeSet<String> mapped = new TreeSet<>();
            controls.fields().forEachRemaining(e -> {
                for (JsonNode id : e.getValue()) {
                    RuleDefinition rule = rules.get(id.asText());
                    assertTrue(rule != null, file + ": control " + e.getKey() + " maps to unknown rule '" + id.asText() + "'");
                    String reference = prefix + " " + e.getKey();
                    assertTrue(rule.references().contains(reference), rule.source() + ": expected reference '"
                            + reference + "' because " + file + " maps it, found " + rule.references());
                    mapped.add(rule.id() + " " + e.getKey());
                }
            });
            TreeSet<String> cited = new TreeSet<>();
            rules.values().forEach(rule -> rule.references().stream().filter(r -> r.startsWith(prefix + " "))
                    .forEach(r -> cited.add(rule.id() + " " + r.substring(prefix.length() + 1))));
            cited.removeAll(mapped);
            assertTrue(cited.isEmpty(), file + ": rules cite controls the mapping lacks: " + cited);
        }));
    }
}
