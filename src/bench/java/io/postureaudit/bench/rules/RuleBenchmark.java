package io.postureaudit.bench.rules;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.rules.CelEnvironment;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleEngine;
import io.postureaudit.rules.RuleLoader;
import io.postureaudit.rules.RuleSet;
import io.postureaudit.rules.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Resource × rule evaluations per second: the whole catalogue in {@code rules/}, compiled once, over a large
 * synthetic account, through the same {@link RuleEngine#evaluate} the scan pipeline calls (per-resource CEL
 * conversion included). Prints one line per measured pass and a summary; args: scale, passes, threads.
 * Run: {@code mvn -B -Pbench -DskipTests test-compile exec:exec@bench-rules -Dbench.rules.args="4 5 2"}
 */
public final class RuleBenchmark {

    private RuleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<CompiledRule> rules = load(Path.of("rules"));
        RuleSet set = RuleSet.of(rules, RuleSettings.none());
        List<CollectedResource> resources = SyntheticAccount.build(scale);
        Map<String, Object> account = Map.of("id", SyntheticAccount.ACCOUNT, "name", "bench");
        Instant now = Instant.parse("2026-11-27T00:00:00Z");
        System.out.printf("rules=%d resources=%d scale=%d threads=%d cores=%d java=%s%n", rules.size(),
                resources.size(), scale, threads, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));

        for (int i = 0; i < 3; i++) {
            RuleEngine.evaluate(set, account, resources, Map.of(), now); // warm-up: JIT and CEL dispatch caches
        }
        long best = 0;
        for (int pass = 1; pass <= passes; pass++) {
            long start = System.nanoTime();
            RuleEngine.Result result = RuleEngine.evaluate(set, account, resources, Map.of(), now);
            long nanos = System.nanoTime() - start;
            long evaluations = result.checks().values().stream().mapToLong(Long::longValue).sum();
            long perSecond = evaluations * 1_000_000_000L / nanos;
            best = Math.max(best, perSecond);
            System.out.printf("single-thread pass %d: %d evaluations in %.1f ms = %,d/s (hits %d, errors %d)%n", pass,
                    evaluations, nanos / 1e6, perSecond, result.hits().size(), result.errors().size());
        }
        long convert = Long.MAX_VALUE;
        for (int pass = 0; pass < passes; pass++) {
            long start = System.nanoTime();
            long sink = 0;
            for (CollectedResource r : resources) {
                sink += ((Map<?, ?>) CelEnvironment.celValue(RuleEngine.asMap(r))).size();
            }
            convert = Math.min(convert, System.nanoTime() - start + (sink == 0 ? 1 : 0));
        }
        System.out.printf("conversion of all resources to CEL values alone: %.1f ms%n", convert / 1e6);
        long parallel = parallel(set, account, resources, now, threads, passes);
        System.out.printf("SUMMARY rules=%d resources=%d single-thread-best=%,d/s %d-thread=%,d/s%n", rules.size(),
                resources.size(), best, threads, parallel);
    }

    /** Several accounts evaluated at once, as the scan does with account-parallelism: one batch per thread. */
    private static long parallel(RuleSet set, Map<String, Object> account, List<CollectedResource> resources,
            Instant now, int threads, int passes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long best = 0;
            for (int pass = 1; pass <= passes; pass++) {
                List<Future<Long>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> RuleEngine.evaluate(set, account, resources, Map.of(), now).checks()
                            .values().stream().mapToLong(Long::longValue).sum()));
                }
                long evaluations = 0;
                for (Future<Long> f : futures) {
                    evaluations += f.get();
                }
                long nanos = System.nanoTime() - start;
                long perSecond = evaluations * 1_000_000_000L / nanos;
                best = Math.max(best, perSecond);
                System.out.printf("%d-thread pass %d: %d evaluations in %.1f ms = %,d/s%n", threads, pass, evaluations,
                        nanos / 1e6, perSecond);
            }
            return best;
        } finally {
            pool.shutdown();
        }
    }

    private static List<CompiledRule> load(Path root) throws Exception {
        RuleLoader loader = new RuleLoader(new CelEnvironment());
        List<CompiledRule> rules = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(p -> p.getFileName().toString().equals("rule.yaml")).sorted().toList()) {
                rules.add(loader.load(file.toString(), file.getParent().getFileName().toString(), Files.readString(file)));
            }
        }
        return rules;
    }
}
