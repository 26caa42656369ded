package io.postureaudit.drift;

/**
 * One changed value of a resource's {@code data}.
 *
 * @param path   JSON pointer (RFC 6901) into {@code data}; {@code ""} is the whole document (created, deleted)
 * @param before the value before, null when absent
 * @param after  the value after, null when absent
 */
public record FieldChange(String path, Object before, Object after) {
}
