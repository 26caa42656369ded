package io.postureaudit.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.config.EmbeddedDatabase;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeCloudTrail;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeIamExtras;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeOrganizations;
import io.postureaudit.fakeaws.FakeS3;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.fakeaws.FakeSts;
import io.postureaudit.fakeaws.FakeWafv2;
import io.postureaudit.it.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans N medium accounts ({@link MediumEstate}) with R replicas of the packaged service on one embedded PostgreSQL,
 * against the fake AWS with a fixed latency per call and per-account request quotas, and prints wall time (the scan's
 * startedAt to finishedAt), AWS calls, requests refused by a quota, gaps (and how many of them are throttling), the
 * accounts each replica read, and each replica's peak heap (sampled every 500 ms from its /q/metrics).
 * Arguments: [runs=10x1,50x1,50x2 (accounts x replicas)] [latencyMillis=20]. Needs {@code mvn package} first.
 */
public final class ClusterBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("bench:bench-pass"
            .getBytes(StandardCharsets.UTF_8));
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)",
            Pattern.MULTILINE);
    /**
     * Request quotas per account and Region (requests per second). KMS: its "Request quotas" page (DescribeKey
     * 2,000; GetKeyPolicy and GetKeyRotationStatus 1,000; the List operations 100). IAM, WAFv2, GuardDuty and STS
     * publish no per-operation figure; 20 per operation is assumed for them.
     */
    static final Map<String, Double> QUOTAS = quotas();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static Map<String, Double> quotas() {
        Map<String, Double> q = new LinkedHashMap<>();
        q.put("kms:DescribeKey", 2000.0);
        q.put("kms:GetKeyPolicy", 1000.0);
        q.put("kms:GetKeyRotationStatus", 1000.0);
        q.put("kms:ListKeys", 100.0);
        q.put("kms:ListAliases", 100.0);
        q.put("kms:ListGrants", 100.0);
        q.put("kms:ListResourceTags", 100.0);
        for (String service : List.of("iam", "wafv2", "guardduty", "sts")) {
            q.put(service, 20.0);
        }
        return q;
    }

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String runs = args.length > 0 ? args[0] : "10x1,50x1,50x2";
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 20;
        ClusterBenchmark bench = new ClusterBenchmark();
        System.out.println("quotas (requests/s per account and Region): " + QUOTAS);
        System.out.println("| accounts | replicas | wall time | AWS calls | refused by quota | gaps (throttling) |"
                + " accounts read per replica | peak heap per replica |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String run : runs.split(",")) {
            String[] parts = run.split("x");
            System.out.println(bench.run(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), latency));
        }
    }

    private String run(int accounts, int replicas, long latency) throws Exception {
        Path dir = Files.createTempDirectory("posture-cluster-bench");
        List<RunningService> nodes = new ArrayList<>();
        FakeIam iam = new FakeIam();
        iam.pageSize(1000);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("db"), true); FakeAws aws = fake(iam)) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= accounts; i++) {
                String id = String.format("3%011d", i);
                ids.add(id);
                MediumEstate.plant(id, iam, aws.handler("kms"), aws.handler("wafv2"), aws.handler("guardduty"));
            }
            QUOTAS.forEach(aws::rateLimit);
            for (int r = 0; r < replicas; r++) {
                nodes.add(RunningService.start(properties(database, aws, ids, dir.resolve("node-" + r))));
            }
            List<Integer> ports = new ArrayList<>();
            for (RunningService node : nodes) {
                ports.add(node.awaitListening());
            }
            aws.latency(latency);
            aws.resetCalls();
            int refusedBefore = aws.rateLimited();
            AtomicLongArray peaks = new AtomicLongArray(replicas);
            Thread sampler = new Thread(() -> sample(ports, peaks), "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long id = JSON.readTree(send(ports.get(0), "POST", "/api/scans")).get("id").asLong();
            JsonNode scan;
            do {
                Thread.sleep(500);
                scan = JSON.readTree(send(ports.get(0), "GET", "/api/scans/" + id));
            } while ("running".equals(scan.get("status").asText()));
            sampler.interrupt();
            Duration wall = Duration.between(Instant.parse(scan.get("startedAt").asText()),
                    Instant.parse(scan.get("finishedAt").asText()));
            long throttlingGaps = 0;
            for (JsonNode gap : scan.get("gaps")) {
                if (gap.get("error").asText().matches("(?s).*(Throttl|TooManyRequests|SlowDown).*")) {
                    throttlingGaps++;
                }
            }
            List<String> perReplica = new ArrayList<>();
            List<String> heaps = new ArrayList<>();
            for (int r = 0; r < replicas; r++) {
                perReplica.add(Long.toString(nodes.get(r).lines(": reading account ").size()));
                heaps.add(peaks.get(r) / (1024 * 1024) + " MB");
            }
            return String.format("| %d | %d | %.1f s (%s) | %,d | %,d | %d (%d) | %s | %s |", accounts, replicas,
                    wall.toMillis() / 1000.0, scan.get("status").asText(), aws.totalCalls(),
                    aws.rateLimited() - refusedBefore, scan.get("gaps").size(), throttlingGaps,
                    String.join(" / ", perReplica), String.join(" / ", heaps));
        } finally {
            for (RunningService node : nodes) {
                node.close();
            }
        }
    }

    private static FakeAws fake(FakeIam iam) {
        FakeKms kms = new FakeKms();
        kms.pageSize(1000);
        return new FakeAws().register(new FakeIamExtras(iam)).register(new FakeSts()).register(kms)
                .register(new FakeWafv2()).register(new FakeGuardDuty()).register(new FakeSsoAdmin())
                .register(new FakeIdentityStore()).register(new FakeOrganizations()).register(new FakeS3())
                .register(new FakeCloudTrail());
    }

    private static List<String> properties(EmbeddedDatabase database, FakeAws aws, List<String> accounts, Path dir) {
        List<String> p = new ArrayList<>();
        database.datasourceProperties().forEach((k, v) -> p.add("-D" + k + "=" + v));
        p.addAll(List.of("-Dposture.data-dir=" + dir, "-Daws.accessKeyId=" + FakeAws.accessKeyFor("399999999999"),
                "-Daws.secretAccessKey=fake-secret", "-Daws.region=ap-northeast-1",
                "-Dposture.aws.endpoint-override=" + aws.endpoint(), "-Dposture.aws.credential-report-poll=PT0.05S",
                "-Dposture.scan.cron=off", "-Dposture.samples.enabled=false",
                "-Dquarkus.security.users.embedded.users.bench=bench-pass",
                "-Dquarkus.security.users.embedded.roles.bench=admin,viewer"));
        for (int i = 0; i < accounts.size(); i++) {
            p.add("-Dposture.accounts[" + i + "].id=" + accounts.get(i));
            p.add("-Dposture.accounts[" + i + "].role-arn=arn:aws:iam::" + accounts.get(i) + ":role/PostureAudit");
            p.add("-Dposture.accounts[" + i + "].regions=" + MediumEstate.REGION);
        }
        return p;
    }

    private void sample(List<Integer> ports, AtomicLongArray peaks) {
        while (!Thread.currentThread().isInterrupted()) {
            for (int r = 0; r < ports.size(); r++) {
                try {
                    Matcher m = HEAP.matcher(send(ports.get(r), "GET", "/q/metrics"));
                    long used = 0;
                    while (m.find()) {
                        used += (long) Double.parseDouble(m.group(1));
                    }
                    long value = used;
                    peaks.accumulateAndGet(r, value, Math::max);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String send(int port, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", AUTH).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
