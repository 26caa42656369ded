package io.postureaudit.notify;

/** An outbox message is not in a state that allows what was asked, e.g. a retry of a delivered message (409). */
public class OutboxStateException extends RuntimeException {

    public OutboxStateException(String message) {
        super(message);
    }
}
