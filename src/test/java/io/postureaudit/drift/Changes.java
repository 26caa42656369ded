package io.postureaudit.drift;

import io.postureaudit.collect.CollectedResource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds change records the way the detector does, for tests of what a change means. */
final class Changes {

    private Changes() {
    }

    /** A change from {@code before} to {@code after} (either may be null: created, deleted). */
    static Change of(CollectedResource before, CollectedResource after) {
        CollectedResource any = after != null ? after : before;
        Map<String, Object> b = before == null ? Map.of() : before.data();
        Map<String, Object> a = after == null ? Map.of() : after.data();
        String kind = before == null ? Change.CREATED : after == null ? Change.DELETED : Change.MODIFIED;
        List<FieldChange> fields = switch (kind) {
            case Change.CREATED -> List.of(new FieldChange("", null, a));
            case Change.DELETED -> List.of(new FieldChange("", b, null));
            default -> JsonDiff.diff(b, a, List.of());
        };
        return new Change(null, 2, 1, any.accountId(), any.region(), any.type(), any.arn(), any.name(), kind, false,
                fields, null, null, Instant.parse("2026-12-01T00:00:00Z"), b, a);
    }
}
