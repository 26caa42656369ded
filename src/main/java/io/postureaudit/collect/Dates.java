package io.postureaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Timestamps as AWS prints them (ISO-8601 with any offset, or epoch seconds) to ISO-8601 UTC strings. */
public final class Dates {

    private Dates() {
    }

    /** ISO-8601 UTC text of an SDK instant, or null. */
    public static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Normalises a date that a service sends as a string (GuardDuty, SSO): any ISO form → UTC ISO; junk stays as is. */
    public static String iso(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parseText(text.trim()).toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** Parses a JSON timestamp: ISO-8601 text (offset optional, UTC assumed) or epoch seconds. */
    public static Instant parse(JsonNode node, String path) {
        if (node.isNumber()) {
            return epoch(node.decimalValue());
        }
        String text = node.asText().trim();
        if (text.matches("\\d+(\\.\\d+)?")) {
            return epoch(new BigDecimal(text));
        }
        try {
            return parseText(text);
        } catch (DateTimeParseException e) {
            throw new SdkJson.ShapeException(path, "expected an ISO-8601 timestamp or epoch seconds, found \"" + text + "\"");
        }
    }

    private static Instant parseText(String text) {
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        }
    }

    private static Instant epoch(BigDecimal seconds) {
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
