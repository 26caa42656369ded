package io.postureaudit.drift;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One change of one resource between the previous complete scan of its scope and this one.
 *
 * @param change   {@code created}, {@code modified} or {@code deleted}
 * @param cosmetic the text changed but the meaning did not (e.g. a policy's {@code Action} string became a list)
 * @param effect   for IAM-bearing resources what the change meant for access, else null
 * @param actor    who made it according to CloudTrail, or null when unattributed
 * @param before   the resource's data before (empty when created)
 * @param after    the resource's data after (empty when deleted)
 */
public record Change(Long id, long scanId, long previousScanId, String accountId, String region, String resourceType,
        String resourceArn, String name, String change, boolean cosmetic, List<FieldChange> fields, Effect effect,
        Map<String, Object> actor, Instant detectedAt, Map<String, Object> before, Map<String, Object> after) {

    public static final String CREATED = "created";
    public static final String MODIFIED = "modified";
    public static final String DELETED = "deleted";

    public Change withId(long newId) {
        return new Change(newId, scanId, previousScanId, accountId, region, resourceType, resourceArn, name, change,
                cosmetic, fields, effect, actor, detectedAt, before, after);
    }

    public Change withEffect(Effect newEffect, boolean newCosmetic) {
        return new Change(id, scanId, previousScanId, accountId, region, resourceType, resourceArn, name, change,
                newCosmetic, fields, newEffect, actor, detectedAt, before, after);
    }

    public Change withActor(Map<String, Object> newActor) {
        return new Change(id, scanId, previousScanId, accountId, region, resourceType, resourceArn, name, change,
                cosmetic, fields, effect, newActor, detectedAt, before, after);
    }
}
