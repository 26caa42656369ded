package io.postureaudit.inventory;

import java.time.Instant;
import java.util.Map;

/**
 * A resource as the API shows it: its current content plus the volatile facts last observed.
 *
 * @param deletedAt when a complete scan of its scope no longer saw it (null while it exists)
 */
public record ResourceView(String arn, String type, String accountId, String region, String name,
        Map<String, Object> data, Map<String, Object> observed, Instant firstSeen, Instant lastSeen, int versions,
        Instant deletedAt) {
}
