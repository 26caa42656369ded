package io.postureaudit.bench.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.postureaudit.notify.OutboxDelivery;
import io.postureaudit.support.SlackStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Outbox throughput (issue 10): N pending messages spread over C channels, delivered by the real worker and the real
 * Slack SDK to the Slack stub answering after a fixed latency with one 429 ({@code Retry-After: 1}) per 100 posts.
 * Prints the wall time, messages per second against the pace bound (C channels × one per pace), the 429s and the
 * duplicates and losses (each message carries its delivery key in Slack's metadata; every key must arrive once).
 * Not part of the test suite: the name matches no surefire include, and it is compiled only with {@code -Pbench}.
 *
 * <pre>mvn -B -o -Pbench test -Dtest=OutboxBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.outbox.messages=1000 -Dbench.outbox.channels=5 -Dbench.outbox.pace=PT1S \
 *     -Dbench.outbox.latency-ms=20 -Dbench.outbox.rate-limit-every=100 -Dbench.outbox.workers=1</pre>
 */
@QuarkusTest
@TestProfile(OutboxBenchmark.Pace.class)
@QuarkusTestResource(TestEnvironment.class)
class OutboxBenchmark {

    /** The per-channel pace under test (Slack's is about one message per second). */
    public static class Pace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("posture.slack.channel-pace", System.getProperty("bench.outbox.pace", "PT1S"),
                    "posture.slack.max-attempts", "20");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OutboxDelivery delivery;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void deliverPendingMessages() throws Exception {
        int messages = Integer.getInteger("bench.outbox.messages", 10_000);
        int channels = Integer.getInteger("bench.outbox.channels", 5);
        long latency = Long.getLong("bench.outbox.latency-ms", 20);
        int rateLimitEvery = Integer.getInteger("bench.outbox.rate-limit-every", 100);
        int workers = Integer.getInteger("bench.outbox.workers", 1);
        String pace = System.getProperty("bench.outbox.pace", "PT1S");
        SlackStub slack = TestEnvironment.slack();
        plant(messages, channels);
        slack.clear();
        slack.latency(latency);
        slack.rateLimitEvery(rateLimitEvery);
        slack.retryAfter(1);

        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            while (pending() > 0) {
                List<Future<Integer>> rounds = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    rounds.add(pool.submit(delivery::deliverPending));
                }
                int delivered = 0;
                for (Future<Integer> round : rounds) {
                    delivered += round.get();
                }
                if (delivered == 0) {
                    Thread.sleep(50); // only rate-limited messages left, waiting for their Retry-After
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Integer> keys = new HashMap<>();
        for (SlackStub.Posted posted : slack.messages()) {
            JsonNode metadata = JSON.readTree(posted.metadata());
            keys.merge(metadata.path("event_payload").path("delivery_key").asText(), 1, Integer::sum);
        }
        long duplicates = keys.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        long lost = messages - keys.size();
        int posts = slack.posts().size();
        long paceNanos = java.time.Duration.parse(pace).toNanos();
        double bound = paceNanos == 0 ? Double.POSITIVE_INFINITY : channels * 1e9 / paceNanos;
        System.out.printf(Locale.ROOT, "%n== Outbox benchmark ==%n"
                + "messages %d over %d channels, pace %s per channel, stub latency %d ms, one 429 per %d posts, "
                + "%d worker(s)%n"
                + "wall time            %.1f s%n"
                + "throughput           %.2f messages/s%n"
                + "pace bound           %s%n"
                + "chat.postMessage     %d calls (%d answered 429)%n"
                + "duplicates           %d%n"
                + "lost                 %d%n%n",
                messages, channels, pace, latency, rateLimitEvery, workers, seconds, messages / seconds,
                Double.isInfinite(bound) ? "none (pace off)" : String.format(Locale.ROOT, "%.2f messages/s (%.0f %%"
                        + " reached)", bound, 100 * messages / seconds / bound), posts, posts - slack.messages().size(),
                duplicates, lost);
        if (duplicates != 0 || lost != 0) {
            throw new AssertionError(duplicates + " duplicate(s) and " + lost + " lost message(s)");
        }
        slack.clear();
    }

    private void plant(int messages, int channels) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("delete from digest_item");
            s.executeUpdate("delete from outbox_message");
            try (PreparedStatement insert = c.prepareStatement("insert into outbox_message (kind, channel_key, "
                    + "payload, status, attempts, next_attempt_at, created_at, sink, channel, delivery_key) values "
                    + "('finding-opened', 'alerts', cast(? as jsonb), 'pending', 0, now(), now(), 'slack', ?, ?)")) {
                for (int i = 0; i < messages; i++) {
                    Map<String, Object> payload = new HashMap<>();
                    payload.put("severity", "high");
                    payload.put("title", "Benchmark finding " + i);
                    payload.put("message", "IAM user bench-" + i + " has console access without MFA.");
                    payload.put("accountName", "dev");
                    payload.put("accountId", TestEnvironment.DEV);
                    payload.put("region", "global");
                    payload.put("ruleId", "iam_user_console_without_mfa");
                    payload.put("resourceArn", "arn:aws:iam::" + TestEnvironment.DEV + ":user/bench-" + i);
                    insert.setString(1, JSON.writeValueAsString(payload));
                    insert.setString(2, "C0BENCH" + (i % channels));
                    insert.setString(3, "pa-bench-" + i);
                    insert.addBatch();
                    if (i % 500 == 499) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }

    private long pending() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from outbox_message where status = 'pending'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
