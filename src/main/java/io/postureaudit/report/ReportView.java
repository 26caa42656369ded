package io.postureaudit.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A report as {@code GET /api/reports} lists it: the contract's fields ({@code periodStart}/{@code periodEnd} are
 * the first and last day, inclusive, in {@code zone}), then details.
 */
public record ReportView(long id, LocalDate periodStart, LocalDate periodEnd, String language, Instant createdAt,
        String status, String zone, String trigger, String createdBy, Instant finishedAt, String error,
        boolean posted) {

    static ReportView of(Report r) {
        return new ReportView(r.id, r.periodFrom, r.periodTo, r.language, r.createdAt, r.status, r.zone, r.trigger,
                r.createdBy, r.finishedAt, r.error, r.outboxId != null);
    }
}
