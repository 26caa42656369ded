package io.postureaudit.policy.risk;

import java.util.Collection;
import java.util.Map;

/**
 * The 0–100 least-privilege score (100 = nothing beyond need). Penalties for breadth, data access, exposure, trust
 * and unused access are subtracted; admin and escalation then cap the result so they always dominate. The formula is
 * documented in docs/policy-engine.md and must change together with it.
 */
public final class LeastPrivilegeScore {

    private LeastPrivilegeScore() {
    }

    public static int compute(Map<String, Object> facts, int catalogSize) {
        double penalty = 0;
        penalty += 20.0 * number(facts, "unconstrainedActionCount") / Math.max(1, catalogSize);
        penalty += Math.min(20, 4 * size(facts, "exfiltrationActions"));
        penalty += number(facts, "resourceExposureActionCount") > 0 ? 10 : 0;
        penalty += size(facts, "credentialsExposureActions") > 0 ? 10 : 0;
        penalty += Math.min(15, 2 * size(facts, "infrastructureActions"));
        penalty += flag(facts, "publicTrust") ? 30 : 0;
        penalty += flag(facts, "crossAccountTrust") ? 15 : 0;
        penalty += Math.min(15, 3 * size(facts, "unusedServices"));
        penalty += flag(facts, "unusedPrincipal") ? 10 : 0;
        penalty += Math.min(10, 5 * size(facts, "unusedAccessKeys"));
        penalty += flag(facts, "unusedPassword") ? 5 : 0;
        int score = (int) Math.round(Math.max(0, 100 - penalty));

        int escalations = size(facts, "escalationMethods");
        if (flag(facts, "isAdmin")) {
            score = Math.min(score, 5);
        } else if (flag(facts, "adminEquivalent")) {
            score = Math.min(score, 10);
        } else if (escalations > 0 && flag(facts, "unconditionalEscalation")) {
            score = Math.min(score, Math.max(10, 30 - 5 * (escalations - 1)));
        } else if (escalations > 0) {
            score = Math.min(score, 50);
        }
        return score;
    }

    private static double number(Map<String, Object> facts, String key) {
        return facts.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static int size(Map<String, Object> facts, String key) {
        return facts.get(key) instanceof Collection<?> c ? c.size() : 0;
    }

    private static boolean flag(Map<String, Object> facts, String key) {
        return Boolean.TRUE.equals(facts.get(key));
    }
}
