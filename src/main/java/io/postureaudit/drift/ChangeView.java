package io.postureaudit.drift;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A change as {@code GET /api/changes} shows it (see CONTRACT.md, Drift). */
public record ChangeView(long id, long scanId, long previousScanId, String accountId, String region,
        String resourceType, String resourceArn, String name, String change, boolean cosmetic,
        List<FieldChange> fields, Map<String, Object> effect, Map<String, Object> actor, Instant detectedAt) {
}
