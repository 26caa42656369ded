package io.postureaudit.policy.eval;

/** A statement that decided a simulation, as the contract names it: {@code {"policy","sid","effect"}}. */
public record MatchedStatement(String policy, String sid, String effect) {
}
