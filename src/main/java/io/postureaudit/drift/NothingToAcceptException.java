package io.postureaudit.drift;

/** A baseline was asked for an account no scan has completed yet: there is no state to accept (409 at the web layer). */
public class NothingToAcceptException extends RuntimeException {

    public NothingToAcceptException(String accountId) {
        super("account " + accountId + " has no completed scan yet, so there is no state to accept as baseline");
    }
}
