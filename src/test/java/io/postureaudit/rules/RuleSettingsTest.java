package io.postureaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.config.PostureConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-rule settings: disabling and regrading globally or per account, and what the engine does with them. */
class RuleSettingsTest {

    private static final String PROD = "222222222222";
    private static final String DEV = "111111111111";
    private final RuleLoader loader = new RuleLoader(new CelEnvironment());

    private CompiledRule rule(String id, String severity) {
        return loader.load(id + ".yaml", id, """
                id: %s
                title: Console user without MFA
                severity: %s
                resource: iam.user
                condition: resource.data.mfa == false
                message: "IAM user {{resource.name}} has no MFA."
                """.formatted(id, severity));
    }

    private static CollectedResource user(String account, String name, boolean mfa) {
        return new CollectedResource("arn:aws:iam::" + account + ":user/" + name, "iam.user", account, "global", name,
                Map.of("mfa", mfa), Map.of());
    }

    @Test
    void shouldPreferAccountOverGlobalOverFileWhenBothAreSet() {
        CompiledRule mfa = rule("user_mfa", "high");
        RuleSettings settings = new RuleSettings(
                Map.of("user_mfa", new RuleSettings.Override(null, Severity.MEDIUM)),
                Map.of(DEV, Map.of("user_mfa", new RuleSettings.Override(false, Severity.LOW))));
        assertEquals(Severity.MEDIUM, settings.severity(mfa.definition(), PROD));
        assertEquals(Severity.LOW, settings.severity(mfa.definition(), DEV));
        assertTrue(settings.enabled("user_mfa", PROD));
        assertFalse(settings.enabled("user_mfa", DEV));
        assertEquals(Severity.HIGH, RuleSettings.none().severity(mfa.definition(), PROD));
    }

    @Test
    void shouldSkipDisabledRuleAndGradeHitsPerAccountWhenEvaluating() {
        RuleSet set = RuleSet.of(List.of(rule("user_mfa", "high"), rule("user_mfa_copy", "low")), new RuleSettings(
                Map.of("user_mfa_copy", new RuleSettings.Override(false, null)),
                Map.of(DEV, Map.of("user_mfa", new RuleSettings.Override(null, Severity.INFO)))));
        RuleEngine.Result prod = RuleEngine.evaluate(set, Map.of("id", PROD, "name", "prod"),
                List.of(user(PROD, "a", false), user(PROD, "b", true)), Map.of(), Instant.EPOCH);
        assertEquals(1, prod.hits().size());
        assertEquals(Severity.HIGH, prod.hits().get(0).rule().severity());
        assertEquals(Set.of("user_mfa"), prod.evaluatedRules(), "a disabled rule is not evaluated");
        assertEquals(2L, prod.checks().get(Severity.HIGH));
        assertEquals(0L, prod.checks().get(Severity.LOW));

        RuleEngine.Result dev = RuleEngine.evaluate(set, Map.of("id", DEV, "name", "dev"),
                List.of(user(DEV, "a", false)), Map.of(), Instant.EPOCH);
        assertEquals(Severity.INFO, dev.hits().get(0).rule().severity());
        assertEquals(1L, dev.checks().get(Severity.INFO));
    }

    @Test
    void shouldNameKeyWhenSeverityIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleSettings.from(
                config(Map.of("user_mfa", override(null, "urgent")), Map.of())));
        assertTrue(e.getMessage().startsWith("posture.rules.overrides.\"user_mfa\".severity: expected one of"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'urgent'"), e.getMessage());
    }

    @Test
    void shouldNameKeyWhenAccountIsNotAnAccountId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleSettings.from(
                config(Map.of(), Map.of("prod", Map.of("user_mfa", override(false, null))))));
        assertEquals("posture.rules.accounts.\"prod\": expected a 12-digit AWS account id, found 'prod'", e.getMessage());
    }

    @Test
    void shouldListKeysWhenSettingsNameUnknownRules() {
        RuleSettings settings = RuleSettings.from(config(Map.of("no_such_rule", override(false, null)),
                Map.of(DEV, Map.of("user_mfa", override(null, "LOW")))));
        assertEquals(List.of("posture.rules.overrides.\"no_such_rule\""), settings.unknownRules(Set.of("user_mfa")));
        assertEquals(Severity.LOW, settings.severity(rule("user_mfa", "high").definition(), DEV));
    }

    private static PostureConfig.Rules.RuleOverride override(Boolean enabled, String severity) {
        return new PostureConfig.Rules.RuleOverride() {
            @Override
            public Optional<Boolean> enabled() {
                return Optional.ofNullable(enabled);
            }

            @Override
            public Optional<String> severity() {
                return Optional.ofNullable(severity);
            }
        };
    }

    private static PostureConfig.Rules config(Map<String, PostureConfig.Rules.RuleOverride> global,
            Map<String, Map<String, PostureConfig.Rules.RuleOverride>> accounts) {
        return new PostureConfig.Rules() {
            @Override
            public Optional<List<Path>> paths() {
                return Optional.empty();
            }

            @Override
            public Map<String, RuleOverride> overrides() {
                return global;
            }

            @Override
            public Map<String, Map<String, RuleOverride>> accounts() {
                return accounts;
            }
        };
    }
}
