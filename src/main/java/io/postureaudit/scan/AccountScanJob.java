package io.postureaudit.scan;

import io.postureaudit.collect.AccountCollector;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Collected;
import io.postureaudit.config.PostureConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;

/**
 * One account of a live scan, run by whichever node's Quartz acquires it: collect, store in one transaction, then
 * finish the scan if it was the last account. At most {@code posture.scan.account-parallelism} accounts run (and are
 * held in memory) per node; a job finding no free slot hands itself back to the cluster for a moment.
 */
@Unremovable
@ApplicationScoped
public class AccountScanJob implements Job {

    private static final Logger LOG = Logger.getLogger(AccountScanJob.class);
    private final AccountCollector collector;
    private final AccountPipeline pipeline;
    private final ScanStore store;
    private final AccountJobs jobs;
    private final ScanFinisher finisher;
    private final ScanMetrics metrics;
    private final Clock clock;
    private final Semaphore slots;

    public AccountScanJob(AccountCollector collector, AccountPipeline pipeline, ScanStore store, AccountJobs jobs,
            ScanFinisher finisher, ScanMetrics metrics, Clock clock, PostureConfig config) {
        this.collector = collector;
        this.pipeline = pipeline;
        this.store = store;
        this.jobs = jobs;
        this.finisher = finisher;
        this.metrics = metrics;
        this.clock = clock;
        this.slots = new Semaphore(Math.max(1, config.scan().accountParallelism()));
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        long scanId = Long.parseLong(data.getString(AccountJobs.SCAN_ID));
        AccountTarget target = AccountJobs.target(data);
        MDC.put("scanId", Long.toString(scanId));
        MDC.put("accountId", target.id());
        try {
            if (context.isRecovering()) {
                LOG.warnf("Scan %d: account %s is recovered from a node that stopped while reading it", scanId,
                        target.id());
                metrics.accountRetried("node-lost");
            }
            if (StoreRetry.run("checking account " + target.id() + " of scan " + scanId,
                    () -> store.recorded(scanId, target.id()))) {
                finisher.finishIfComplete(scanId);
                return;
            }
            if (!slots.tryAcquire()) {
                handBack(context, data);
                return;
            }
            try {
                scan(scanId, target);
            } finally {
                slots.release();
            }
            finisher.finishIfComplete(scanId);
        } finally {
            MDC.remove("scanId");
            MDC.remove("accountId");
        }
    }

    private void handBack(JobExecutionContext context, JobDataMap data) {
        Duration delay = Duration.ofMillis(300 + ThreadLocalRandom.current().nextLong(700));
        String attempt = data.getString(AccountJobs.ATTEMPT);
        try {
            jobs.retryLater(context.getJobDetail().getKey(), delay, attempt == null ? 1 : Integer.parseInt(attempt));
        } catch (SchedulerException e) {
            // Without a trigger the account would be lost; run it here after all rather than lose it.
            LOG.warnf("Could not hand account job %s back to the scheduler (%s); running it now",
                    context.getJobDetail().getKey(), e.getMessage());
            long scanId = Long.parseLong(data.getString(AccountJobs.SCAN_ID));
            scan(scanId, AccountJobs.target(data));
            finisher.finishIfComplete(scanId);
        }
    }

    /** Collects, then stores; a database outage is retried, and what cannot be stored is a failed account. */
    private void scan(long scanId, AccountTarget target) {
        Instant started = clock.instant();
        LOG.infof("Scan %d: reading account %s", scanId, target.id());
        String status;
        try {
            Collected collected = collector.collect(target, scanId);
            StoreRetry.run("storing account " + target.id() + " of scan " + scanId,
                    pipeline.storeTimeout(), () -> pipeline.process(scanId, collected, false, List.of()));
            status = collected.failure() != null ? Scan.FAILED
                    : collected.gaps().isEmpty() ? Scan.SUCCEEDED : Scan.PARTIAL;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            // A broken library (a LinkageError, a missing XML provider) fails the account now, with its reason,
            // rather than leaving it without a result until the watchdog's next round.
            LOG.errorf(e, "Scan %d: account %s could not be scanned", scanId, target.id());
            status = Scan.FAILED;
            String reason = "account " + target.id() + " could not be scanned: " + ScanErrors.describe(e);
            StoreRetry.run("recording the failure of account " + target.id(),
                    () -> store.recordFailedAccount(scanId, target.id(), target.name(), reason));
        }
        metrics.accountScanned(target.id(), status, Duration.between(started, clock.instant()));
    }
}
