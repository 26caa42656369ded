package io.postureaudit.collect;

import java.util.List;
import java.util.Optional;

/** One AWS account to scan: how to get credentials for it and which regions to cover. */
public record AccountTarget(String id, String name, Optional<String> roleArn, Optional<String> externalId,
        List<String> regions) {

    public AccountTarget {
        if (id == null || !id.matches("\\d{12}")) {
            throw new IllegalArgumentException("AWS account id must be 12 digits, found '" + id + "'");
        }
        name = name == null || name.isBlank() ? id : name;
        regions = List.copyOf(regions);
    }
}
