package io.postureaudit.scan;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.quartz.SchedulerException;

/**
 * Makes sure no scan stays "running" forever ({@code posture.scan.watchdog-interval}, one node per round in a
 * cluster): finishes a scan whose accounts are all recorded but whose finish could not be written (the database was
 * down), fails an account whose Quartz job is gone without a result, fails an in-memory scan whose process is gone,
 * and removes the Quartz jobs of finished scans.
 */
@ApplicationScoped
public class ScanWatchdog {

    private static final Logger LOG = Logger.getLogger(ScanWatchdog.class);
    /** A scan younger than this is left alone: its jobs may still be on their way into the job store. */
    static final Duration GRACE = Duration.ofSeconds(30);
    private final ScanStore store;
    private final AccountJobs jobs;
    private final ScanFinisher finisher;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public ScanWatchdog(ScanStore store, AccountJobs jobs, ScanFinisher finisher, AgroalDataSource dataSource,
            Clock clock) {
        this.store = store;
        this.jobs = jobs;
        this.finisher = finisher;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Scheduled(identity = "scan-watchdog", every = "{posture.scan.watchdog-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            check();
        } catch (RuntimeException | SchedulerException e) {
            LOG.warnf("Scan watchdog round failed (%s); the next round tries again", e.toString());
        }
    }

    /** One round; returns how many scans it ended. */
    public int check() throws SchedulerException {
        int ended = 0;
        Instant now = clock.instant();
        for (Scan scan : store.running()) {
            if (scan.startedAt.plus(GRACE).isAfter(now)) {
                continue;
            }
            if (scan.runner != null) {
                // Quartz writes its check-ins with the wall clock, so they are compared with the wall clock.
                if (!alive(scan.runner, Instant.now())) {
                    ended += store.abandon(scan.id, "interrupted: the process running this scan (" + scan.runner
                            + ") stopped before it finished") ? 1 : 0;
                }
                continue;
            }
            List<ScanPlan> missing = store.unrecorded(scan.id);
            for (ScanPlan account : missing) {
                if (!jobs.pending(scan.id, account.accountId)) {
                    LOG.warnf("Scan %d: account %s has no job left and no result; recording it as failed", scan.id,
                            account.accountId);
                    store.recordFailedAccount(scan.id, account.accountId, account.name,
                            "the account's scan job ended without recording a result");
                }
            }
            if (finisher.finishIfComplete(scan.id).isPresent()) {
                ended++;
            }
        }
        for (long scanId : jobs.scansWithJobs()) {
            if (!store.status(scanId).map(Scan.RUNNING::equals).orElse(false)) {
                jobs.forget(scanId);
            }
        }
        return ended;
    }

    /** A Quartz node is alive while it checks in (it writes qrtz_scheduler_state every check-in interval). */
    private boolean alive(String instanceId, Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select last_checkin_time, checkin_interval from qrtz_scheduler_state where instance_name = ?")) {
            select.setString(1, instanceId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                long lastCheckin = rows.getLong(1);
                long interval = rows.getLong(2);
                return lastCheckin + 3 * interval + 7_500 >= now.toEpochMilli();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the cluster's node check-ins failed: " + e.getMessage(), e);
        }
    }
}
