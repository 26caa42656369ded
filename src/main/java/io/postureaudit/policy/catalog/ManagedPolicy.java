package io.postureaudit.policy.catalog;

import java.util.Objects;

/**
 * The default version of one AWS managed policy as bundled at build time (not read from any account).
 *
 * @param arn        the commercial-partition ARN, e.g. {@code arn:aws:iam::aws:policy/job-function/ViewOnlyAccess}
 * @param path       {@code /}, {@code /service-role/}, {@code /job-function/}, …
 * @param updateDate when AWS set this default version (ISO-8601), or null when the data does not say
 * @param document   the policy document as compact JSON text
 */
public record ManagedPolicy(String name, String arn, String path, String versionId, String updateDate,
        String document) {

    public ManagedPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(document, "document");
    }
}
