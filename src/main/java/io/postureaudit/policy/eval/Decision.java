package io.postureaudit.policy.eval;

import com.fasterxml.jackson.annotation.JsonValue;

/** The simulator's answer, in the words AWS's own policy simulator uses. */
public enum Decision {
    ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

    private final String word;

    Decision(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }
}
