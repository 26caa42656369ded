package io.postureaudit.policy.risk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads the dates collectors store (ISO-8601 with Z or an offset); markers such as "N/A" mean no date. */
final class UsageDates {

    private UsageDates() {
    }

    static Instant parse(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        try {
            return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
