package io.postureaudit.findings;

/** No finding has the id asked for (404). */
public class FindingNotFoundException extends RuntimeException {

    public FindingNotFoundException(long id) {
        super("no finding with id " + id);
    }
}
