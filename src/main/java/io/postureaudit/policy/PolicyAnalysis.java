package io.postureaudit.policy;

import io.postureaudit.policy.risk.Risk;
import java.util.List;
import java.util.Map;

/** The analysis of one policy document on its own, as if it were a principal's only policy. */
public record PolicyAnalysis(String name, int leastPrivilegeScore, List<Risk> risks, Map<String, Object> facts) {

    public PolicyAnalysis {
        risks = List.copyOf(risks);
    }
}
