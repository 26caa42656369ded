package io.postureaudit.report;

import io.postureaudit.config.PostureConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Makes the study-session report on schedule: the cron fires weekly (Fridays 10:00 Asia/Tokyo by default) and
 * only days a multiple of 14 days away from {@code posture.report.first-date} are due, so it is every other week.
 */
@ApplicationScoped
public class ReportJob {

    private static final Logger LOG = Logger.getLogger(ReportJob.class);
    private final ReportService reports;
    private final PostureConfig config;
    private final Clock clock;

    public ReportJob(ReportService reports, PostureConfig config, Clock clock) {
        this.reports = reports;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "study-report", cron = "{posture.report.cron}", timeZone = "{posture.report.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Requests today's report if today is due; returns its id, or -1 when today is not a report day. */
    public long run() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), config.report().zone());
        if (!due(today, config.report().firstDate())) {
            LOG.debugf("No study report today (%s): not a multiple of 14 days from posture.report.first-date %s",
                    today, config.report().firstDate());
            return -1;
        }
        try {
            long id = reports.request(new ReportService.Request(null, null, null), "schedule", "schedule",
                    true);
            LOG.infof("Scheduled study report %d requested for the two weeks up to %s", id, today);
            return id;
        } catch (RuntimeException e) {
            if (!duplicate(e)) {
                throw e;
            }
            // Another replica made today's report first (report_schedule_once_idx).
            LOG.infof("Scheduled study report for the two weeks up to %s already requested elsewhere", today);
            return -1;
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean due(LocalDate day, LocalDate firstDate) {
        return Math.floorMod(ChronoUnit.DAYS.between(firstDate, day), 14) == 0;
    }
}
