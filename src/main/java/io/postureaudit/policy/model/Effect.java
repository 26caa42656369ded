package io.postureaudit.policy.model;

/** A statement's {@code Effect}: AWS accepts exactly these two spellings. */
public enum Effect {
    ALLOW("Allow"), DENY("Deny");

    private final String word;

    Effect(String word) {
        this.word = word;
    }

    /** The word as written in a policy and in simulator answers. */
    public String word() {
        return word;
    }
}
