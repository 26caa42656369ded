package io.postureaudit.rules;

import io.postureaudit.collect.CollectedResource;
import java.util.Map;

/**
 * What a drift rule judges: the resource (as it is now, or as last seen when deleted) and the change record as the
 * {@code change} variable (plain JSON-like values; see docs/drift.md).
 */
public record ChangedResource(CollectedResource resource, Map<String, Object> change) {
}
