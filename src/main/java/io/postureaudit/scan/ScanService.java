package io.postureaudit.scan;

import io.postureaudit.collect.AccountCollector;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Collected;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.notify.OutboxDelivery;
import io.postureaudit.principals.PrincipalAnalysisService;
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
    private final PrincipalAnalysisService analysis;
    private final ExecutorService scans = Executors.newSingleThreadExecutor(r -> new Thread(r, "scan-runner"));

    public ScanService(ScanStore store, ScanTargets targets, AccountCollector collector, AccountPipeline pipeline,
            OutboxDelivery delivery, PostureConfig config, PrincipalAnalysisService analysis) {
        this.store = store;
        this.targets = targets;
        this.collector = collector;
        this.pipeline = pipeline;
        this.delivery = delivery;
        this.config = config;
        this.analysis = analysis;
    }

    void onStart(@Observes StartupEvent event) {
        int abandoned = store.failAbandoned();
        if (abandoned > 0) {
            LOG.warnf("Marked %d scan(s) left running by a previous process as failed", abandoned);
        }
    }

    /** Starts a live scan of every configured account; returns its id at once. */
    public long start(String trigger) {
        long id = store.create(trigger, false);
        scans.submit(() -> {
            ScanTargets.Targets resolved;
            try {
                resolved = targets.resolve();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Scan %d: the accounts to scan could not be determined", id);
                store.finish(id, "the accounts to scan could not be determined: " + e.getMessage());
                return;
            }
            store.recordGaps(id, resolved.gaps());
            run(id, resolved.accounts(), account -> collector.collect(account, id), false);
        });
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
            List<Collected> collected = new ArrayList<>();
            for (Future<Collected> future : submitAll(pool, accounts, collect)) {
                try {
                    collected.add(future.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.errorf(e.getCause(), "Scan %d: an account could not be read", scanId);
                    error = "an account could not be read: " + e.getCause();
                }
            }
            // Analysed together: a permission set's policies live in the accounts it is provisioned to.
            PrincipalAnalysisService.Result analyses = analysis.analyze(collected);
            analysis.store(scanId, collected, analyses.analyses());
            List<Future<?>> processing = new ArrayList<>();
            for (Collected c : collected) {
                processing.add(pool.submit(() -> pipeline.process(scanId, c, sample, analyses.factsByArn(),
                        analyses.gaps())));
            }
            for (Future<?> future : processing) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.errorf(e.getCause(), "Scan %d: an account could not be processed", scanId);
                    error = "an account could not be processed: " + e.getCause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException e) {
            LOG.errorf(e, "Scan %d failed", scanId);
            error = e.toString();
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

    private static List<Future<Collected>> submitAll(ExecutorService pool, List<AccountTarget> accounts,
            Function<AccountTarget, Collected> collect) {
        List<Future<Collected>> futures = new ArrayList<>();
        for (AccountTarget account : accounts) {
            futures.add(pool.submit(() -> collect.apply(account)));
        }
        return futures;
    }

    @PreDestroy
    void stop() {
        scans.shutdownNow();
    }
}
