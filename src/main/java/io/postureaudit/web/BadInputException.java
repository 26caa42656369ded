package io.postureaudit.web;

/** A request whose input is wrong; the message says what was expected, what came and where. Answered with 400. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
