package io.postureaudit.policy.eval;

import java.util.List;

/** The simulator's answer: the decision in the words of AWS's policy simulator, and the statements that decided it. */
public record SimulationResult(String decision, List<MatchedStatement> matchedStatements) {

    public SimulationResult {
        matchedStatements = List.copyOf(matchedStatements);
    }

    public static SimulationResult of(EvaluationResult result) {
        return new SimulationResult(result.decision().word(), result.matchedStatements());
    }
}
