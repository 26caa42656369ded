package io.postureaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue's metadata is complete: every rule in {@code rules/} names remediation as console steps, an
 * AWS CLI command and a Terraform change, cites at least one reference, carries tags, lives in the folder of its
 * service, and the catalogue covers the five services (and drift) with at least 45 rules.
 */
class RuleCatalogueTest {

    private static final List<String> SERVICES = List.of("iam", "identitycenter", "waf", "guardduty", "kms", "drift");

    static List<CompiledRule> catalogue() throws IOException {
        RuleLoader loader = new RuleLoader(new CelEnvironment());
        List<CompiledRule> rules = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(Path.of("rules"))) {
            for (Path file : paths.filter(p -> p.getFileName().toString().equals("rule.yaml")).sorted().toList()) {
                rules.add(loader.load(file.toString(), file.getParent().getFileName().toString(), Files.readString(file)));
            }
        }
        return rules;
    }

    @TestFactory
    Stream<DynamicTest> shouldDescribeFixAndSourcesWhenRuleIsInCatalogue() throws IOException {
        return catalogue().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            RuleDefinition d = rule.definition();
            for (String kind : RuleLoader.REMEDIATION) {
                String text = d.remediation().get(kind);
                assertTrue(text != null && !text.isBlank(), d.source() + ": expected remediation." + kind
                        + " (console, cli and terraform are all required), found " + d.remediation().keySet());
            }
            assertFalse(d.references().isEmpty(), d.source() + ": expected at least one reference, found none");
            assertFalse(d.tags().isEmpty(), d.source() + ": expected tags, found none");
            assertFalse(d.rationale().isBlank(), d.source() + ": expected a rationale, found none");
            String folder = Path.of(d.source()).getParent().getParent().getFileName().toString();
            assertTrue(SERVICES.contains(folder), d.source() + ": expected a folder of " + SERVICES + ", found " + folder);
            assertTrue(d.id().startsWith(folder + "_") || d.id().startsWith("principal_"), d.source()
                    + ": expected the id to start with its service '" + folder + "_' (or principal_), found " + d.id());
        }));
    }

    @Test
    void shouldNameOnlyCallsTheAuditRoleMakesWhenRuleDeclaresReads() throws IOException {
        String policy = Files.readString(Path.of("docs/audit-role-policy.json"));
        List<String> wrong = new ArrayList<>();
        for (CompiledRule rule : catalogue()) {
            for (String read : rule.definition().reads()) {
                if (!policy.contains("\"" + read + "\"")) {
                    wrong.add(rule.id() + " reads " + read);
                }
            }
        }
        assertEquals(List.of(), wrong, "reads must name calls of docs/audit-role-policy.json");
    }

    @Test
    void shouldHoldAtLeast45RulesAcrossTheFiveServicesWhenLoaded() throws IOException {
        Map<String, Integer> byService = new TreeMap<>();
        for (CompiledRule rule : catalogue()) {
            String folder = Path.of(rule.definition().source()).getParent().getParent().getFileName().toString();
            byService.merge(folder, 1, Integer::sum);
        }
        assertTrue(byService.values().stream().mapToInt(Integer::intValue).sum() >= 45, "rules by service: " + byService);
        assertEquals(SERVICES.stream().sorted().toList(), List.copyOf(byService.keySet()), "services with rules");
    }
}
