package io.postureaudit.findings;

/** A finding is not in the state an operation needs, e.g. unsuppressing one that is open (409). */
public class FindingStateException extends RuntimeException {

    public FindingStateException(String message) {
        super(message);
    }
}
