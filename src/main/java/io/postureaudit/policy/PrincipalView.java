package io.postureaudit.policy;

import io.postureaudit.policy.risk.Risk;
import java.util.List;
import java.util.Map;

/**
 * One item of {@code GET /api/principals}: {@code {"arn","type","accountId","leastPrivilegeScore","risks"}}, plus the
 * documents that could not be read and the parts not judged. {@code leastPrivilegeScore} is null when not judged.
 */
public record PrincipalView(String arn, String type, String accountId, Integer leastPrivilegeScore, List<Risk> risks,
        List<String> errors, List<Map<String, Object>> notJudged) {
}
