package io.postureaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each way a rule file can be broken yields file, line and a reason that says what was expected and found. */
class RuleLoaderTest {

    private final RuleLoader loader = new RuleLoader(new CelEnvironment());

    private static final String VALID = """
            id: sample_rule
            title: A sample
            severity: low
            resource: iam.user
            condition: resource.name == 'x'
            message: "IAM user {{resource.name}} is x."
            """;

    @Test
    void shouldLoadWhenRuleIsValid() {
        CompiledRule rule = loader.load("r.yaml", "sample_rule", VALID);
        assertEquals("sample_rule", rule.id());
        assertEquals(Severity.LOW, rule.definition().severity());
    }

    @Test
    void shouldNameLineWhenYamlIsUnparsable() {
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> loader.load("rules/x/rule.yaml", null, "id: a\ntitle: [unclosed\nseverity: low\n"));
        assertEquals("rules/x/rule.yaml", e.source());
        assertTrue(e.line() >= 2, "line " + e.line());
        assertTrue(e.getMessage().contains("invalid YAML"), e.getMessage());
    }

    @Test
    void shouldNameLineWhenConditionDoesNotCompile() {
        String text = VALID.replace("condition: resource.name == 'x'", "condition: resource.name = = 'x'");
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> loader.load("r.yaml", null, text));
        assertEquals(5, e.line());
        assertTrue(e.reason().startsWith("condition does not compile"), e.reason());
    }

    @Test
    void shouldCountIntoBlockWhenMultiLineConditionIsWrong() {
        String text = VALID.replace("condition: resource.name == 'x'",
                "condition: >\n  resource.name == 'x'\n  && undefined_variable");
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> loader.load("r.yaml", null, text));
        assertTrue(e.reason().contains("undefined_variable"), e.reason());
        assertTrue(e.line() >= 6, "expected the line inside the block, found " + e.line());
    }

    @Test
    void shouldRejectWhenConditionIsNotBoolean() {
        String text = VALID.replace("condition: resource.name == 'x'", "condition: \"'text'\"");
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> loader.load("r.yaml", null, text));
        assertTrue(e.reason().contains("expected a condition of type bool"), e.reason());
    }

    @Test
    void shouldNameFieldWhenRequiredFieldIsMissing() {
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> loader.load("r.yaml", null, VALID.replace("severity: low\n", "")));
        assertTrue(e.reason().contains("missing required field 'severity'"), e.reason());
    }

    @Test
    void shouldListChoicesWhenSeverityIsUnknown() {
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> loader.load("r.yaml", null, VALID.replace("severity: low", "severity: urgent")));
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("critical, high, medium, low, info") && e.reason().contains("urgent"), e.reason());
    }

    @Test
    void shouldRejectWhenResourceTypeIsUnknown() {
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> loader.load("r.yaml", null, VALID.replace("resource: iam.user", "resource: s3.bucket")));
        assertEquals(4, e.line());
        assertTrue(e.reason().contains("s3.bucket"), e.reason());
    }

    @Test
    void shouldRejectWhenFieldNameIsMisspelt() {
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> loader.load("r.yaml", null, VALID + "remedation: fix it\n"));
        assertEquals(7, e.line());
        assertTrue(e.reason().contains("unknown field 'remedation'"), e.reason());
    }

    @Test
    void shouldRejectWhenIdDiffersFromFolder() {
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> loader.load("r.yaml", "other_name", VALID));
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("other_name"), e.reason());
    }

    @Test
    void shouldRejectWhenMessageExpressionIsBroken() {
        RuleLoadException e = assertThrows(RuleLoadException.class,
                () -> loader.load("r.yaml", null, VALID.replace("{{resource.name}}", "{{resource.name +}}")));
        assertEquals(6, e.line());
        assertTrue(e.reason().startsWith("message does not compile"), e.reason());
    }

    @Test
    void shouldRejectWhenRemediationKindIsUnknown() {
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> loader.load("r.yaml", null,
                VALID + "remediation:\n  console: click\n  pulumi: code\n"));
        assertEquals(7, e.line());
        assertTrue(e.reason().contains("unknown remediation kind 'pulumi'") && e.reason().contains("terraform"),
                e.reason());
    }
}
