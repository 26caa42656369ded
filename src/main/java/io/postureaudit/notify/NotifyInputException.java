package io.postureaudit.notify;

/** Input to notify is wrong (a filter, a Slack payload): the message names the field, what was expected and what came (400). */
public class NotifyInputException extends IllegalArgumentException {

    public NotifyInputException(String message) {
        super(message);
    }
}
