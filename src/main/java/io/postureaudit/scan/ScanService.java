package io.postureaudit.scan;

import io.postureaudit.collect.AccountCollector;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Collected;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.notify.OutboxDelivery;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Starts scans and runs them one at a time in the background (two scans reconciling the same account at once
 * would race), with the accounts of one scan read in parallel.
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);
    private final ScanStore store;
    private final ScanTargets targets;
    private final AccountCollector collector;
    private final AccountPipeline pipeline;
    private final OutboxDelivery delivery;
    private final PostureConfig config;
    private final ExecutorService scans = Executors.newSingleThreadExecutor(r -> new Thread(r, "scan-runner"));

    public ScanService(ScanStore store, ScanTargets targets, AccountCollector collector, AccountPipeline pipeline,
            OutboxDelivery delivery, PostureConfig config) {
        this.store = store;
        this.targets = targets;
        this.collector = collector;
        this.pipeline = pipeline;
        this.delivery = delivery;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        int abandoned = store.failAbandoned();
        if (abandoned > 0) {
            LOG.warnf("Marked %d scan(s) left running by a previous process as failed", abandoned);
        }
    }

    /** Starts a live scan of every configured account; returns its id at once. */
    public long start(String trigger) {
        List<AccountTarget> accounts = targets.configured();
        long id = store.create(trigger, false);
        submit(id, accounts, account -> collector.collect(account, id), false);
        return id;
    }

    /** Starts a scan of data already collected elsewhere (offline import, sample estate). */
    public long startCollected(String trigger, List<Collected> collected, boolean sample) {
        long id = store.create(trigger, sample);
        List<AccountTarget> accounts = collected.stream().map(Collected::account).toList();
        submit(id, accounts, account -> collected.stream().filter(c -> c.account().equals(account)).findFirst()
                .orElseThrow(), sample);
        return id;
    }

    private void submit(long scanId, List<AccountTarget> accounts, Function<AccountTarget, Collected> collect,
            boolean sample) {
        scans.submit(() -> run(scanId, accounts, collect, sample));
    }

    private void run(long scanId, List<AccountTarget> accounts, Function<AccountTarget, Collected> collect,
            boolean sample) {
        String error = null;
        if (accounts.isEmpty()) {
            error = "no accounts configured: set posture.accounts[0].id (see README)";
            LOG.warn("Scan " + scanId + ": " + error);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, config.scan().accountParallelism()));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (AccountTarget account : accounts) {
                running.add(pool.submit(() -> pipeline.process(scanId, collect.apply(account), sample)));
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.errorf(e.getCause(), "Scan %d: an account failed", scanId);
                    error = "an account could not be processed: " + e.getCause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } finally {
            pool.shutdownNow();
        }
        try {
            String status = store.finish(scanId, error);
            LOG.infof("Scan %d finished: %s", scanId, status);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scan %d could not be finished", scanId);
        }
        delivery.deliverPending();
    }

    @PreDestroy
    void stop() {
        scans.shutdownNow();
    }
}
