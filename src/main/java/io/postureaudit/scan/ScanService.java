package io.postureaudit.scan;

import io.postureaudit.collect.Collected;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Starts scans. A live scan is planned as one Quartz job per account ({@link ScanPlanner}), so the cluster runs it;
 * a scan of data already in memory (offline import, sample estate) runs here, one account at a time, in the process
 * that holds the data.
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    private static final Duration FINISH_RETRY = Duration.ofSeconds(15);
    private final ScanStore store;
    private final ScanTargets targets;
    private final ScanPlanner planner;
    private final AccountJobs jobs;
    private final AccountPipeline pipeline;
    private final ScanFinisher finisher;
    private final ScanMetrics metrics;
    private final ExecutorService local = Executors.newSingleThreadExecutor(r -> new Thread(r, "scan-runner"));

    public ScanService(ScanStore store, ScanTargets targets, ScanPlanner planner, AccountJobs jobs,
            AccountPipeline pipeline, ScanFinisher finisher, ScanMetrics metrics) {
        this.store = store;
        this.targets = targets;
        this.planner = planner;
        this.jobs = jobs;
        this.pipeline = pipeline;
        this.finisher = finisher;
        this.metrics = metrics;
    }

    /** Starts a live scan of every configured (and discovered) account; returns its id at once. */
    public long start(String trigger) {
        ScanTargets.Targets resolved;
        String error = null;
        try {
            resolved = targets.resolve();
        } catch (RuntimeException e) {
            LOG.errorf(e, "The accounts to scan could not be determined");
            resolved = new ScanTargets.Targets(List.of(), List.of());
            error = "the accounts to scan could not be determined: " + ScanErrors.describe(e);
        }
        long id = planner.plan(trigger, resolved.accounts(), resolved.gaps(), error);
        if (resolved.accounts().isEmpty()) {
            LOG.warnf("Scan %d failed at once: nothing to scan", id);
            metrics.scanFinished(Scan.FAILED);
        } else {
            LOG.infof("Scan %d planned: %d account job(s)", id, resolved.accounts().size());
            jobs.wake(id, resolved.accounts().get(0).id());
        }
        return id;
    }

    /** Starts a scan of data already collected elsewhere (offline import, sample estate). */
    public long startCollected(String trigger, List<Collected> collected, boolean sample) {
        long id = store.create(trigger, sample);
        store.runBy(id, jobs.instanceId());
        local.submit(() -> runCollected(id, collected, sample));
        return id;
    }

    private void runCollected(long scanId, List<Collected> collected, boolean sample) {
        MDC.put("scanId", Long.toString(scanId));
        String error = collected.isEmpty() ? "no account data in this scan" : null;
        for (Collected account : collected) {
            MDC.put("accountId", account.account().id());
            try {
                // The other accounts of this scan are in memory already: cross-account analysis reads them there.
                StoreRetry.run("storing account " + account.account().id() + " of scan " + scanId,
                        pipeline.storeTimeout(), () -> pipeline.process(scanId, account, sample, collected));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Scan %d: account %s could not be stored", scanId, account.account().id());
                error = "account " + account.account().id() + " could not be stored: " + ScanErrors.describe(e);
            } finally {
                MDC.remove("accountId");
            }
        }
        String reason = error;
        // The data was read; the process is alive: keep trying to say how the scan ended until the database answers.
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String status = StoreRetry.run("finishing scan " + scanId, () -> store.finish(scanId, reason));
                finisher.finished(scanId, status);
                break;
            } catch (RuntimeException e) {
                LOG.errorf("Scan %d could not be finished yet (%s); trying again in %d s", scanId, e.toString(),
                        FINISH_RETRY.toSeconds());
                try {
                    Thread.sleep(FINISH_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        MDC.remove("scanId");
    }

    @PreDestroy
    void stop() {
        local.shutdownNow();
    }
}
