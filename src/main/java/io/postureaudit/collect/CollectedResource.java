package io.postureaudit.collect;

import java.util.Map;
import java.util.Objects;

/**
 * One normalised resource as a collector saw it.
 *
 * @param data     configuration content; a change here is a new version (drift)
 * @param observed volatile facts (last used dates, usage ages) kept with the resource but not versioned
 */
public record CollectedResource(String arn, String type, String accountId, String region, String name,
        Map<String, Object> data, Map<String, Object> observed) {

    public CollectedResource {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        data = data == null ? Map.of() : data;
        observed = observed == null ? Map.of() : observed;
    }

    /** The service scope this resource belongs to, e.g. {@code iam} for {@code iam.role}. */
    public String service() {
        return ResourceTypes.service(type);
    }
}
