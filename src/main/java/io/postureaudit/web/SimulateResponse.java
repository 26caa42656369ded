package io.postureaudit.web;

import io.postureaudit.policy.eval.MatchedStatement;
import io.postureaudit.policy.eval.SimulationResult;
import java.util.List;

/** Answer of {@code POST /api/simulate}: {@code {"decision": "allowed|explicitDeny|implicitDeny", "matchedStatements"}}. */
public record SimulateResponse(String decision, List<MatchedStatement> matchedStatements) {

    public static SimulateResponse of(SimulationResult result) {
        return new SimulateResponse(result.decision(), result.matchedStatements());
    }
}
