package io.postureaudit.rules;

import java.util.List;

/** No compliance framework has the id asked for; the message names the ids there are (404 at the web layer). */
public class UnknownFrameworkException extends RuntimeException {

    public UnknownFrameworkException(String id, List<String> known) {
        super("no compliance framework '" + id + "'; expected one of " + known);
    }
}
