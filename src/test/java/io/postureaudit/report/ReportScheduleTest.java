package io.postureaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which Fridays are report days, and how a requested period is read in the report zone. */
class ReportScheduleTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void shouldBeDueEveryOtherWeekFromTheFirstDate() {
        LocalDate first = LocalDate.parse("2026-01-09");
        assertTrue(ReportJob.due(first, first));
        assertFalse(ReportJob.due(first.plusDays(7), first), "the Friday in between is skipped");
        assertTrue(ReportJob.due(first.plusDays(14), first));
        assertTrue(ReportJob.due(LocalDate.parse("2026-12-11"), first));
        assertFalse(ReportJob.due(LocalDate.parse("2026-12-04"), first));
        assertTrue(ReportJob.due(first.minusDays(14), first), "dates before the first one follow the same rhythm");
    }

    @Test
    void shouldCoverTheTwoWeeksUpToNowWhenNoDatesAreGiven() {
        // Friday 2026-12-11 10:00 in Tokyo, when the schedule fires.
        Clock clock = Clock.fixed(Instant.parse("2026-12-11T01:00:00Z"), ZoneOffset.UTC);
        ReportPeriod period = ReportPeriod.resolve(null, null, TOKYO, clock);
        assertEquals(LocalDate.parse("2026-11-28"), period.from());
        assertEquals(LocalDate.parse("2026-12-11"), period.to());
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"), period.start());
        assertEquals(clock.instant(), period.end(), "a period ending today ends at the moment of generation");
    }

    @Test
    void shouldReadDatesAsWholeDaysInTheReportZone() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-11T01:00:00Z"), ZoneOffset.UTC);
        ReportPeriod period = ReportPeriod.resolve("2026-11-02", "2026-11-15", TOKYO, clock);
        assertEquals(Instant.parse("2026-11-01T15:00:00Z"), period.start());
        assertEquals(Instant.parse("2026-11-15T15:00:00Z"), period.end());
    }

    @Test
    void shouldRefuseAPeriodEndingInTheFutureOrBeforeItStarts() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-11T01:00:00Z"), ZoneOffset.UTC);
        ReportRequestException future = assertThrows(ReportRequestException.class,
                () -> ReportPeriod.resolve(null, "2026-12-12", TOKYO, clock));
        assertEquals("to: expected a date no later than today (2026-12-11 in Asia/Tokyo), found 2026-12-12: a report "
                + "covers what has happened", future.getMessage());
        ReportRequestException reversed = assertThrows(ReportRequestException.class,
                () -> ReportPeriod.resolve("2026-12-05", "2026-12-01", TOKYO, clock));
        assertEquals("from: expected a date on or before to (2026-12-01), found 2026-12-05", reversed.getMessage());
    }
}
