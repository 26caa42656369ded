package io.postureaudit.policy.eval;

import io.postureaudit.policy.model.PolicyDocument;
import java.util.Objects;

/** A parsed policy with the name evidence shows for it (policy name, ARN, or its place in a simulator request). */
public record NamedPolicy(String name, PolicyDocument document) {

    public NamedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
    }
}
