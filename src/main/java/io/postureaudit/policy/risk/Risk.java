package io.postureaudit.policy.risk;

import io.postureaudit.policy.effective.Evidence;
import java.util.List;

/** One risk of a principal, as the contract shapes it: {@code {"category","detail","evidence"}}. */
public record Risk(RiskCategory category, String detail, List<Evidence> evidence) {

    public Risk {
        evidence = List.copyOf(evidence);
    }
}
