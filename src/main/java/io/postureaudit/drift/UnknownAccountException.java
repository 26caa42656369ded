package io.postureaudit.drift;

/** A drift request names an account no scan has read (404 at the web layer). */
public class UnknownAccountException extends RuntimeException {

    public UnknownAccountException(String accountId) {
        super("no account " + accountId + " is known; scan it first");
    }
}
