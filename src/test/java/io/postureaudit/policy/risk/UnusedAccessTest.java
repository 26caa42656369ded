package io.postureaudit.policy.risk;

import static io.postureaudit.policy.Inventory.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.postureaudit.policy.Inventory;
import io.postureaudit.policy.effective.PolicyResolver;
import io.postureaudit.policy.effective.PrincipalPolicies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unused access follows the configured window and the injected clock, never the wall clock. */
class UnusedAccessTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

    private static PrincipalPolicies role(String lastUsed, String created) {
        Map<String, Object> roleLastUsed = new HashMap<>();
        roleLastUsed.put("lastUsedDate", lastUsed);
        Inventory inv = new Inventory().role(ACCOUNT, "batch", Map.of("Version", "2012-10-17", "Statement",
                List.of()), Map.of("createDate", created), Map.of("roleLastUsed", roleLastUsed,
                "serviceLastAccessed", List.of(Map.of("serviceNamespace", "s3", "lastAuthenticated",
                        "2026-10-01T00:00:00Z"))));
        return new PolicyResolver(inv.resources()).principals(inv.resources()).get(0);
    }

    @Test
    void shouldFlagARoleUnusedWhenItsLastUseIsOlderThanTheWindow() {
        Map<String, Object> facts = new HashMap<>();
        List<Risk> risks = UnusedAccess.analyse(role("2026-09-01T00:00:00Z", "2024-01-01T00:00:00Z"), CLOCK, 30,
                facts);
        assertEquals(true, facts.get("unusedPrincipal"));
        assertEquals(87L, facts.get("daysSinceLastUse"));
        assertEquals(List.of("s3"), facts.get("unusedServices"));
        assertEquals(2, risks.size());
        Map<String, Object> wide = new HashMap<>();
        assertEquals(List.of(), UnusedAccess.analyse(role("2026-09-01T00:00:00Z", "2024-01-01T00:00:00Z"), CLOCK,
                90, wide));
        assertEquals(false, wide.get("unusedPrincipal"));
    }

    @Test
    void shouldNotFlagANewRoleWhenItWasCreatedInsideTheWindow() {
        Map<String, Object> facts = new HashMap<>();
        assertEquals(List.of(), UnusedAccess.analyse(role(null, "2026-11-20T00:00:00Z"), CLOCK, 90, facts));
        assertEquals(true, facts.get("neverUsed"));
        assertEquals(false, facts.get("unusedPrincipal"));
    }
}
