package io.postureaudit.policy.model;

import java.util.List;

/** A parsed IAM policy document. {@code version} is null when the document omits it (AWS then assumes 2008-10-17). */
public record PolicyDocument(String version, String id, List<Statement> statements) {

    public static final String CURRENT_VERSION = "2012-10-17";

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Policy variables such as {@code ${aws:username}} are only substituted under the 2012-10-17 grammar. */
    public boolean supportsVariables() {
        return CURRENT_VERSION.equals(version);
    }
}
