package io.postureaudit.policy.eval;

import java.util.List;

/** Answer of {@code POST /api/simulate}: {@code {"decision": "allowed|explicitDeny|implicitDeny", "matchedStatements"}}. */
public record SimulateResponse(String decision, List<MatchedStatement> matchedStatements) {

    public static SimulateResponse of(EvaluationResult result) {
        return new SimulateResponse(result.decision().word(), result.matchedStatements());
    }
}
