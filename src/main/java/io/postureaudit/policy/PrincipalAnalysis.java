package io.postureaudit.policy;

import io.postureaudit.policy.risk.Risk;
import io.postureaudit.policy.risk.RightSizing;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the analysis found for one principal (a permission set appears once per provisioned account).
 *
 * @param leastPrivilegeScore 0–100, or null when the principal is not judged (a policy of it could not be read)
 * @param facts      plain values for CEL rules; keys documented in docs/policy-engine.md
 * @param suggestion right-sizing suggestion, or null without usage data
 * @param unresolved policies referenced but not in the snapshot: a gap, never read as "no permissions"
 * @param errors     policy documents that could not be parsed, each naming the path of the bad element
 */
public record PrincipalAnalysis(String arn, String type, String accountId, String name, Integer leastPrivilegeScore,
        List<Risk> risks, Map<String, Object> facts, RightSizing suggestion, List<String> unresolved,
        List<String> errors) {

    public PrincipalAnalysis {
        risks = List.copyOf(risks);
        // Facts may hold nulls (daysSinceLastUse), so Map.copyOf would not do; order is kept for stable output.
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        unresolved = List.copyOf(unresolved);
        errors = List.copyOf(errors);
    }

    /** The contract's view for {@code GET /api/principals}. */
    public PrincipalView view() {
        return new PrincipalView(arn, type, accountId, leastPrivilegeScore, risks, errors, notJudged());
    }

    /** The parts of the analysis that lacked a read or a readable document: {@code [{part, reason}]}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> notJudged() {
        return facts.get("notJudged") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
