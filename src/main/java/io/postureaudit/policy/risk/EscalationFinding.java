package io.postureaudit.policy.risk;

import io.postureaudit.policy.effective.Evidence;
import java.util.List;

/** A method whose every required action the principal holds; {@code conditional} when some grant has conditions. */
public record EscalationFinding(EscalationMethod method, boolean conditional, List<Evidence> evidence) {

    public EscalationFinding {
        evidence = List.copyOf(evidence);
    }
}
