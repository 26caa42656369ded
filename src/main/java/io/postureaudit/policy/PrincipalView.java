package io.postureaudit.policy;

import io.postureaudit.policy.risk.Risk;
import java.util.List;

/** One item of {@code GET /api/principals}: {@code {"arn","type","accountId","leastPrivilegeScore","risks"}}. */
public record PrincipalView(String arn, String type, String accountId, int leastPrivilegeScore, List<Risk> risks) {
}
