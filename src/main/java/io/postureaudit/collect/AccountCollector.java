package io.postureaudit.collect;

import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads one account: checks the credentials first (so a role that cannot be assumed is one clear gap, not one per
 * service), then runs every collector, global ones once and regional ones per region, a bounded number at a time.
 */
@ApplicationScoped
public class AccountCollector {

    private static final Logger LOG = Logger.getLogger(AccountCollector.class);
    private final AwsClientFactory clients;
    private final List<ServiceCollector> collectors;
    private final PostureConfig config;
    private final CollectMetrics metrics;

    public AccountCollector(AwsClientFactory clients, @Any Instance<ServiceCollector> collectors, PostureConfig config,
            CollectMetrics metrics) {
        this.clients = clients;
        this.collectors = collectors.stream().toList();
        this.config = config;
        this.metrics = metrics;
    }

    public Collected collect(AccountTarget account, long scanId) {
        try (AwsSession session = clients.session(account, "posture-audit-scan-" + scanId)) {
            String failure = verifyIdentity(session, account);
            if (failure != null) {
                String operation = account.roleArn().isPresent() ? "AssumeRole" : "GetCallerIdentity";
                return new Collected(account, List.of(), List.of(new Gap(account.id(), ResourceTypes.GLOBAL_REGION,
                        "sts", operation, failure)), Set.of(), failure);
            }
            List<CollectionContext> contexts = new ArrayList<>();
            for (ServiceCollector collector : collectors) {
                if (collector.scope() == CollectorScope.GLOBAL) {
                    contexts.add(new CollectionContext(account, ResourceTypes.GLOBAL_REGION, collector.service(), session));
                } else {
                    collector.regions(account).forEach(r -> contexts.add(new CollectionContext(account, r, collector.service(), session)));
                }
            }
            run(contexts);
            return Collected.of(account, contexts);
        }
    }

    private void run(List<CollectionContext> contexts) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, config.aws().maxConcurrency()));
        try {
            List<Future<?>> running = new ArrayList<>();
            // Pool threads carry the scan's MDC (scanId, accountId), so their log lines say which scan they serve.
            Map<String, Object> mdc = MDC.getMap();
            for (CollectionContext context : contexts) {
                ServiceCollector collector = collectors.stream()
                        .filter(c -> c.service().equals(context.service())).findFirst().orElseThrow();
                running.add(pool.submit(() -> {
                    mdc.forEach(MDC::put);
                    try {
                        runOne(collector, context);
                    } finally {
                        MDC.clear();
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("collection interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("collector failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A collector bug must not sink the scan, and must not look like a clean service either. */
    private void runOne(ServiceCollector collector, CollectionContext context) {
        long started = System.nanoTime();
        try {
            collector.collect(context);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Collector %s failed for account %s region %s", collector.service(), context.accountId(),
                    context.region());
            context.gap("collect", e);
        } finally {
            metrics.serviceCollected(context.accountId(), context.region(), collector.service(),
                    java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static String verifyIdentity(AwsSession session, AccountTarget account) {
        try {
            String actual = session.sts().getCallerIdentity().account();
            if (!account.id().equals(actual)) {
                return "WrongAccount: expected credentials for account " + account.id() + ", found account " + actual;
            }
            return null;
        } catch (SdkException e) {
            return AwsErrors.describe(e.getCause() instanceof SdkException inner ? inner : e);
        }
    }
}
