package io.postureaudit.policy.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented score formula (docs/policy-engine.md), term by term. */
class LeastPrivilegeScoreTest {

    private static final int CATALOGUE = 20000;

    private static Map<String, Object> facts(Object... pairs) {
        Map<String, Object> f = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            f.put((String) pairs[i], pairs[i + 1]);
        }
        return f;
    }

    @Test
    void shouldScoreHundredWhenNothingIsRisky() {
        assertEquals(100, LeastPrivilegeScore.compute(facts(), CATALOGUE));
    }

    @Test
    void shouldSubtractEachPenaltyWhenItsFactIsSet() {
        assertEquals(90, LeastPrivilegeScore.compute(facts("unconstrainedActionCount", 10000), CATALOGUE));
        assertEquals(80, LeastPrivilegeScore.compute(facts("exfiltrationActions", List.of("a", "b", "c", "d", "e",
                "f")), CATALOGUE), "capped at 20");
        assertEquals(80, LeastPrivilegeScore.compute(facts("resourceExposureActionCount", 3,
                "credentialsExposureActions", List.of("iam:CreateAccessKey")), CATALOGUE));
        assertEquals(94, LeastPrivilegeScore.compute(facts("infrastructureActions", List.of("a", "b", "c")),
                CATALOGUE));
        assertEquals(55, LeastPrivilegeScore.compute(facts("publicTrust", true, "crossAccountTrust", true),
                CATALOGUE));
        assertEquals(60, LeastPrivilegeScore.compute(facts("unusedServices", List.of("a", "b", "c", "d", "e", "f"),
                "unusedPrincipal", true, "unusedAccessKeys", List.of(1, 2, 3), "unusedPassword", true), CATALOGUE));
    }

    @Test
    void shouldCapTheScoreWhenAdminOrEscalationIsPresent() {
        assertEquals(5, LeastPrivilegeScore.compute(facts("isAdmin", true, "adminEquivalent", true), CATALOGUE));
        assertEquals(10, LeastPrivilegeScore.compute(facts("adminEquivalent", true), CATALOGUE));
        assertEquals(30, LeastPrivilegeScore.compute(facts("escalationMethods", List.of("x"),
                "unconditionalEscalation", true), CATALOGUE));
        assertEquals(20, LeastPrivilegeScore.compute(facts("escalationMethods", List.of("x", "y", "z"),
                "unconditionalEscalation", true), CATALOGUE));
        assertEquals(10, LeastPrivilegeScore.compute(facts("escalationMethods", List.of("1", "2", "3", "4", "5", "6"),
                "unconditionalEscalation", true), CATALOGUE));
        assertEquals(50, LeastPrivilegeScore.compute(facts("escalationMethods", List.of("x")), CATALOGUE));
        assertEquals(0, LeastPrivilegeScore.compute(facts("isAdmin", true, "publicTrust", true,
                "exfiltrationActions", List.of("a", "b", "c", "d", "e"), "unconstrainedActionCount", CATALOGUE,
                "unusedServices", List.of("a", "b", "c", "d", "e"), "crossAccountTrust", true), CATALOGUE));
    }
}
