package io.postureaudit.policy.eval;

import java.util.List;

/** The decision and the statements that decided it (the deny statements, or the allows that granted). */
public record EvaluationResult(Decision decision, List<MatchedStatement> matchedStatements) {

    public EvaluationResult {
        matchedStatements = List.copyOf(matchedStatements);
    }

    public boolean allowed() {
        return decision == Decision.ALLOWED;
    }
}
