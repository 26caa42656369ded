package io.postureaudit.notify;

/** No outbox message has the id asked for (404). */
public class OutboxMessageNotFoundException extends RuntimeException {

    public OutboxMessageNotFoundException(long id) {
        super("no outbox message with id " + id);
    }
}
