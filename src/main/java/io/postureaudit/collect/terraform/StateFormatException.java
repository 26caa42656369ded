package io.postureaudit.collect.terraform;

/** A state file that is not what Terraform 1.x writes; the message says what was expected and what was found. */
public final class StateFormatException extends Exception {

    public StateFormatException(String message) {
        super(message);
    }
}
