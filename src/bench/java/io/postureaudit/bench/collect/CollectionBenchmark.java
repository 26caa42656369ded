package io.postureaudit.bench.collect;

import static io.postureaudit.bench.estate.SyntheticEstate.*;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.AwsSession;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.ServiceCollector;
import io.postureaudit.collect.guardduty.GuardDutyCollector;
import io.postureaudit.collect.iam.CredentialReportReader;
import io.postureaudit.collect.iam.IamCollector;
import io.postureaudit.collect.iam.ServiceLastAccessed;
import io.postureaudit.collect.identitycenter.IdentityCenterCollector;
import io.postureaudit.collect.kms.KmsCollector;
import io.postureaudit.collect.waf.WafCollector;
import io.postureaudit.fakeaws.FakeAws;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Collects the synthetic large account from the fake AWS with a fixed latency per call, the way a scan does (global
 * collectors once, regional ones per region, {@code max-concurrency} scopes at once and as many calls in flight per
 * scope), and prints wall time, calls against the minimal number, the lower bound and peak heap.
 * Arguments: [latencyMillis=20] [maxConcurrency=8] [runs=2]. The first run is cold (class loading, JIT); later runs
 * are what a long-lived service sees on its next scheduled scan.
 */
public final class CollectionBenchmark {

    private CollectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 20;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        try (CollectorHarness h = new CollectorHarness(Map.of("posture.aws.max-concurrency", "" + concurrency,
                "posture.aws.credential-report-poll", "PT0.05S"))) {
            h.iam.pageSize(1000);
            h.kms.pageSize(1000);
            plantIam(h.iam);
            plantKms(h.kms);
            plantWaf(h.waf);
            plantGuardDuty(h.guardDuty);
            plantIdentityCenter(h.ssoAdmin, h.identityStore);
            System.setProperty("aws.accessKeyId", FakeAws.accessKeyFor(ACCOUNT));
            List<ServiceCollector> collectors = List.of(
                    // Service last accessed is off here: the benchmark estate does not include it.
                    new IamCollector(new CredentialReportReader(h.config, Clock.systemUTC()),
                            new ServiceLastAccessed(false, concurrency, "SERVICE_LEVEL", Duration.ofSeconds(1),
                                    Duration.ofMinutes(5), Clock.systemUTC())),
                    new IdentityCenterCollector(concurrency), new KmsCollector(concurrency),
                    new WafCollector(concurrency), new GuardDutyCollector(concurrency));
            AccountTarget account = new AccountTarget(ACCOUNT, "bench", Optional.empty(), Optional.empty(), REGIONS);
            h.aws.latency(latency);
            for (int run = 1; run <= runs; run++) {
                System.out.println("== run " + run + (run == 1 ? " (cold JVM)" : " (warm JVM)"));
                h.aws.resetCalls();
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long cpuBefore = processCpuNanos();
                long start = System.nanoTime();
                List<CollectionContext> contexts = run(h, account, collectors, concurrency);
                long wallMillis = (System.nanoTime() - start) / 1_000_000;
                long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                report(h, contexts, latency, concurrency, wallMillis, peakHeap);
                System.out.printf("process CPU during the run: %.2f s%n", (processCpuNanos() - cpuBefore) / 1e9);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<CollectionContext> run(CollectorHarness h, AccountTarget account,
            List<ServiceCollector> collectors, int concurrency) throws Exception {
        List<CollectionContext> contexts = new ArrayList<>();
        List<ServiceCollector> owners = new ArrayList<>();
        try (AwsSession session = h.clients.session(account, "posture-audit-bench")) {
            for (ServiceCollector c : collectors) {
                List<String> regions = c.scope() == CollectorScope.GLOBAL ? List.of(ResourceTypes.GLOBAL_REGION)
                        : REGIONS;
                for (String region : regions) {
                    contexts.add(new CollectionContext(account, region, c.service(), session));
                    owners.add(c);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < contexts.size(); i++) {
                    ServiceCollector c = owners.get(i);
                    CollectionContext context = contexts.get(i);
                    futures.add(pool.submit(() -> c.collect(context)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return contexts;
    }

    private static void report(CollectorHarness h, List<CollectionContext> contexts, long latency, int concurrency,
            long wallMillis, long peakHeap) {
        Map<String, Long> resources = new TreeMap<>();
        long gaps = 0;
        for (CollectionContext c : contexts) {
            c.resources().forEach(r -> resources.merge(r.type(), 1L, Long::sum));
            gaps += c.gaps().size();
            c.gaps().stream().limit(3).forEach(g -> System.out.println("gap: " + g));
        }
        Bounds bounds = Bounds.of(concurrency);
        long lowerBound = bounds.lowerBoundCalls() * latency;
        System.out.println("resources: " + resources);
        System.out.println("gaps: " + gaps);
        System.out.printf("latency per call: %d ms, max-concurrency: %d%n", latency, concurrency);
        System.out.printf("wall time: %.2f s%n", wallMillis / 1000.0);
        System.out.printf("API calls: %d (minimal %d, ratio %.3f)%n", h.aws.totalCalls(), bounds.minimalCalls(),
                h.aws.totalCalls() / (double) bounds.minimalCalls());
        System.out.printf("critical-path lower bound at this concurrency: %.2f s (ratio %.2f)%n", lowerBound / 1000.0,
                wallMillis / (double) lowerBound);
        System.out.printf("dependency chain alone (unbounded concurrency): %.2f s%n",
                bounds.chainCalls() * latency / 1000.0);
        System.out.printf("peak heap (sum of heap pool peaks, fake AWS in the same JVM): %d MB%n",
                peakHeap / (1024 * 1024));
        if (System.getProperty("bench.verbose") != null) {
            System.out.println("calls by operation: " + new TreeMap<>(h.aws.callsByOperation()));
        }
    }
}
