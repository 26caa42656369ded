package io.postureaudit.bench.findings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded open-loop load generator: sends requests at a fixed rate whatever the answers' speed, at most
 * {@link #MAX_IN_FLIGHT} at once (a request that would exceed it is shed and counted), and measures each latency from
 * the request's scheduled start, so that a slow server cannot hide its queueing (no coordinated omission).
 */
final class OpenLoad {

    static final int MAX_IN_FLIGHT = 64;
    static final int ALONE = 15;

    /** A named request path (with its query). */
    record Scenario(String name, String path) {
    }

    /** Milliseconds: the median alone (one request at a time, after warm-up), then under load. */
    record Figures(double alone, double p50, double p95, double p99, double max, int shed, int errors) {
    }

    private final URI base;
    private final String authorization;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "open-load");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;

    OpenLoad(URI base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** One request's body (for set-up, not measured). */
    String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(120)).GET().build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    Figures run(Scenario scenario, int rate, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(scenario.path())).header("Authorization",
                authorization).timeout(Duration.ofSeconds(30)).GET().build();
        double[] alone = new double[ALONE];
        for (int i = 0; i < 5 + ALONE; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(scenario.path() + " answered " + answer.statusCode() + ": "
                        + new String(answer.body(), StandardCharsets.UTF_8));
            }
            if (i >= 5) {
                alone[i - 5] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(alone);

        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        int shed = 0;
        List<CompletableFuture<?>> sent = new ArrayList<>();
        long origin = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = origin + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire()) {
                shed++;
                continue;
            }
            sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, e) -> {
                slots.release();
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                } else {
                    latencies.add((System.nanoTime() - scheduled) / 1e6);
                }
            }));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                    .get(90, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Unanswered after 90 s: counted as errors (their latency is not known), and the run goes on.
            sent.stream().filter(f -> !f.isDone()).forEach(f -> {
                f.cancel(true);
                errors.incrementAndGet();
            });
        }
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Figures(alone[ALONE / 2], percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], shed, errors.get());
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
