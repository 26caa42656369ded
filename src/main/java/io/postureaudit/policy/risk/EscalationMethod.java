package io.postureaudit.policy.risk;

import java.util.List;

/**
 * A privilege-escalation method: every requirement must be granted for the method to apply.
 *
 * @param source where the method was described (Rhino Security Labs 2018, their later additions, Identity Center)
 */
public record EscalationMethod(String id, String title, String source, List<Requirement> requirements) {

    /**
     * One action and the resources it must reach. {@code target} is an ARN pattern in which {@code {account}} stands
     * for the principal's account.
     */
    public record Requirement(String action, String target) {
    }

    public EscalationMethod {
        requirements = List.copyOf(requirements);
    }
}
