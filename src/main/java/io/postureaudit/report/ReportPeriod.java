package io.postureaudit.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The days a report covers, read in one zone: from the start of {@code from} up to the end of {@code to}, or up to
 * the moment of generation when {@code to} is today.
 *
 * @param start inclusive
 * @param end   exclusive
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone, Instant start, Instant end) {

    /** The default length: the two weeks ending today. */
    public static final int DEFAULT_DAYS = 14;

    /**
     * Resolves the dates of a request (either may be null: the last two weeks up to now).
     *
     * @throws ReportRequestException naming the field when a date is malformed, in the future or after the other
     */
    public static ReportPeriod resolve(String from, String to, ZoneId zone, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate last = to == null || to.isBlank() ? today : parse("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : parse("from", from);
        if (last.isAfter(today)) {
            throw new ReportRequestException("to: expected a date no later than today (" + today + " in " + zone
                    + "), found " + last + ": a report covers what has happened");
        }
        if (first.isAfter(last)) {
            throw new ReportRequestException("from: expected a date on or before to (" + last + "), found " + first);
        }
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant dayAfter = last.plusDays(1).atStartOfDay(zone).toInstant();
        return new ReportPeriod(first, last, zone, start, dayAfter.isAfter(now) ? now : dayAfter);
    }

    private static LocalDate parse(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ReportRequestException(field + ": expected an ISO date like 2026-11-20, found '" + value + "'");
        }
    }
}
