package io.postureaudit.web.security;

/** The database could not be reached while doing something a request needs; the API answers 503. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String doing, Throwable cause) {
        super("the database is not reachable (" + doing + "); try again shortly", cause);
    }
}
