package io.postureaudit.policy.effective;

/** Which policy and which statement (Sid, or {@code Statement[i]}) a finding rests on. */
public record Evidence(String policy, String statement) {
}
