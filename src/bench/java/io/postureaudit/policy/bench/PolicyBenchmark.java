package io.postureaudit.policy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.policy.AnalysisSettings;
import io.postureaudit.policy.PolicyDocumentAnalyzer;
import io.postureaudit.policy.PrincipalAnalysis;
import io.postureaudit.policy.PrincipalAnalyzer;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ManagedPolicy;
import io.postureaudit.policy.catalog.ManagedPolicyLibrary;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PolicyParser;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the analysis of every AWS managed policy and of a synthetic 5,000-principal account, warm, and reports the
 * peak heap of each phase. Prints figures for docs/benchmarks.md; it asserts nothing.
 */
public final class PolicyBenchmark {

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

    private PolicyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 0) {
            throw new IllegalArgumentException("expected no arguments (the corpus is the library bundled in the jar), "
                    + "found " + args.length);
        }
        long t0 = System.nanoTime();
        ActionCatalog catalog = ActionCatalog.standard();
        report("catalogue load (cold, " + catalog.size() + " actions)", System.nanoTime() - t0);

        // Read as trees up front, so the timed rounds measure parsing and analysis as before, not JSON reading.
        Map<String, JsonNode> corpus = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (ManagedPolicy p : ManagedPolicyLibrary.bundled().all()) {
            corpus.put(p.name(), json.readTree(p.document()));
        }

        resetPeaks();
        long[] corpusTimes = new long[8];
        long[] corpusCpu = new long[8];
        for (int round = 0; round < corpusTimes.length; round++) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            PolicyDocumentAnalyzer analyzer = new PolicyDocumentAnalyzer(catalog, java.time.Clock.systemUTC());
            for (Map.Entry<String, JsonNode> e : corpus.entrySet()) {
                analyzer.analyze(e.getKey(), PolicyParser.parse(e.getValue()));
            }
            corpusTimes[round] = System.nanoTime() - start;
            corpusCpu[round] = THREADS.getCurrentThreadCpuTime() - cpu;
        }
        summary("managed policies (" + corpus.size() + "), parse + analyse", corpusTimes, corpusCpu, 3);
        System.out.printf("  peak heap during corpus runs: %d MiB%n", peakHeapMiB());

        List<CollectedResource> account = SyntheticAccount.build(corpus, 3000, 2000, 42);
        System.out.printf("synthetic account: %d resources%n", account.size());
        System.gc();
        resetPeaks();
        long[] accountTimes = new long[4];
        long[] accountCpu = new long[4];
        int principals = 0;
        List<PrincipalAnalysis> kept = null;
        for (int round = 0; round < accountTimes.length; round++) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            List<PrincipalAnalysis> result = new PrincipalAnalyzer(catalog, AnalysisSettings.DEFAULTS)
                    .analyzeAll(account, CLOCK);
            accountTimes[round] = System.nanoTime() - start;
            accountCpu[round] = THREADS.getCurrentThreadCpuTime() - cpu;
            principals = result.size();
            kept = result;
        }
        summary("synthetic account (" + principals + " principals), analyse", accountTimes, accountCpu, 1);
        System.out.printf("  peak heap during account runs: %d MiB (max heap %d MiB, %d cores)%n", peakHeapMiB(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("  live heap after GC holding the %d analyses and the account: %d MiB%n", kept.size(),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    // Wall time and the main thread's CPU time: on a shared machine the CPU figure is the one that repeats.
    private static void summary(String what, long[] times, long[] cpu, int warmups) {
        long[] warm = Arrays.copyOfRange(times, warmups, times.length);
        long[] warmCpu = Arrays.copyOfRange(cpu, warmups, cpu.length);
        Arrays.sort(warm);
        Arrays.sort(warmCpu);
        System.out.printf("%s: first %d ms wall / %d ms cpu; warm (%d runs) wall min %d ms, median %d ms; "
                + "cpu min %d ms, median %d ms%n", what, times[0] / 1_000_000, cpu[0] / 1_000_000, warm.length,
                warm[0] / 1_000_000, warm[warm.length / 2] / 1_000_000, warmCpu[0] / 1_000_000,
                warmCpu[warmCpu.length / 2] / 1_000_000);
    }

    private static void report(String what, long nanos) {
        System.out.printf("%s: %d ms%n", what, nanos / 1_000_000);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    // Sum of each heap pool's peak since the last reset: an upper bound of the live heap at any one time.
    private static long peakHeapMiB() {
        long total = 0;
        List<String> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
                pools.add(pool.getName());
            }
        }
        return total >> 20;
    }

    static PolicyDocument parse(JsonNode node) {
        return PolicyParser.parse(node);
    }
}
