package io.postureaudit.drift;

import io.postureaudit.collect.CollectedResource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The whole managed-policy version-pair corpus through the semantic diff (issue #9's benchmark): passes that only
 * stream the npm corpus, then passes that also diff every consecutive pair, so the diff's own time is the
 * difference. Prints figures for docs/benchmarks.md; it asserts nothing. Args: passes (default 3).
 */
public final class VersionPairBenchmark {

    private VersionPairBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        IamEffects effects = new IamEffects();
        long readOnly = Long.MAX_VALUE;
        long withDiff = Long.MAX_VALUE;
        int[] versions = new int[1];
        int[] pairs = new int[2];
        for (int pass = 0; pass < passes; pass++) {
            versions[0] = 0;
            long start = System.nanoTime();
            ManagedPolicyVersions.forEach(p -> versions[0] += p.documents().size());
            readOnly = Math.min(readOnly, System.nanoTime() - start);
        }
        resetPeaks();
        for (int pass = 0; pass < passes; pass++) {
            pairs[0] = 0;
            pairs[1] = 0;
            long start = System.nanoTime();
            ManagedPolicyVersions.forEach(p -> {
                for (int i = 1; i < p.documents().size(); i++) {
                    CollectedResource before = ManagedPolicyVersionPairsTest.policy(p, i - 1);
                    CollectedResource after = ManagedPolicyVersionPairsTest.policy(p, i);
                    Effect effect = effects.effect(List.of(after), Changes.of(before, after));
                    pairs[0]++;
                    if (!effect.isEmpty()) {
                        pairs[1]++;
                    }
                }
            });
            long took = System.nanoTime() - start;
            withDiff = Math.min(withDiff, took);
            System.out.printf("pass %d: %d pairs, %d with an effect on access, %.1f s%n", pass + 1, pairs[0], pairs[1],
                    took / 1e9);
        }
        long diff = withDiff - readOnly;
        System.out.printf("corpus: %d policy versions, %d consecutive pairs (best of %d passes)%n", versions[0],
                pairs[0], passes);
        System.out.printf("stream the corpus only: %.2f s; stream + diff every pair: %.2f s; diff alone: %.2f s "
                + "(%.0f us per pair)%n", readOnly / 1e9, withDiff / 1e9, diff / 1e9, diff / 1e3 / pairs[0]);
        System.out.printf("peak heap during the diff passes: %d MiB (max heap %d MiB, %d cores)%n", peakHeapMiB(),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of each heap pool's peak since the reset: an upper bound of the live heap at any one time. */
    private static long peakHeapMiB() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total >> 20;
    }
}
