package io.postureaudit.bench.findings;

import java.lang.management.ManagementFactory;
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

    /**
     * Milliseconds: the median alone (one request at a time, after warm-up), then under load; and what one request
     * costs the whole process alone, averaged over {@link #cpuRequests()} sequential requests: CPU time (every thread,
     * the in-JVM client's, the JIT compiler's and the garbage collector's included), CPU time of the Java threads
     * alone (service and client, without JIT and GC: the steadiest of the three), bytes allocated by all live threads,
     * and CPU time of the PostgreSQL server. These stay meaningful on a loaded machine, where wall times do not.
     */
    record Figures(double alone, double p50, double p95, double p99, double max, int shed, int errors, double cpuMs,
            double threadCpuMs, double allocKb, double dbCpuMs) {
    }

    /** The PostgreSQL server's process (its backends are its children), or 0 when not known. */
    private long postmaster;

    void database(long postmasterPid) {
        this.postmaster = postmasterPid;
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
        // More warm-up (-Dbench.findings.warmup) lets the JIT finish first, for the CPU figures' sake.
        int warmup = Integer.getInteger("bench.findings.warmup", 5);
        for (int i = 0; i < warmup + ALONE; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(scenario.path() + " answered " + answer.statusCode() + ": "
                        + new String(answer.body(), StandardCharsets.UTF_8));
            }
            if (i >= warmup) {
                alone[i - warmup] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(alone);
        double[] cost = cost(request);

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
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], shed, errors.get(), cost[0], cost[1], cost[2], cost[3]);
    }

    static int cpuRequests() {
        return Integer.getInteger("bench.findings.cpu-requests", 100);
    }

    /** Process CPU ms, Java threads' CPU ms, allocated KB and database CPU ms per request (0 requests: NaN). */
    private double[] cost(HttpRequest request) throws Exception {
        int n = cpuRequests();
        if (n <= 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        var threadCpu = perThread(false);
        var allocated = perThread(true);
        long db = databaseTicks();
        for (int i = 0; i < n; i++) {
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        double database = postmaster == 0 ? Double.NaN : (databaseTicks() - db) * 10.0 / n;
        return new double[] {(os.getProcessCpuTime() - cpu) / 1e6 / n, since(threadCpu, perThread(false)) / 1e6 / n,
            since(allocated, perThread(true)) / 1024.0 / n, database};
    }

    /**
     * CPU clock ticks (1/100 s on Linux) spent so far by the PostgreSQL server and its live backends, from
     * {@code /proc}: the pooled connections' backends live as long as the run.
     */
    private long databaseTicks() {
        if (postmaster == 0) {
            return 0;
        }
        long ticks = 0;
        java.io.File[] processes = new java.io.File("/proc").listFiles(f -> f.getName().matches("\\d+"));
        for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
            try {
                String stat = java.nio.file.Files.readString(process.toPath().resolve("stat"));
                // pid (comm) state ppid … utime(14) stime(15): the fields after the command's closing parenthesis.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(process.getName());
                if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // a process that ended while being read
            }
        }
        return ticks;
    }

    /** CPU nanoseconds (or allocated bytes) so far of each live Java thread, by thread id. */
    private static java.util.Map<Long, Long> perThread(boolean allocation) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] values = allocation ? threads.getThreadAllocatedBytes(ids) : threads.getThreadCpuTime(ids);
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (values[i] >= 0) {
                out.put(ids[i], values[i]);
            }
        }
        return out;
    }

    /** What the threads alive at both points spent in between (a thread that ended meanwhile is left out). */
    private static long since(java.util.Map<Long, Long> before, java.util.Map<Long, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
