package io.postureaudit.notify;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.findings.FindingService;
import io.postureaudit.rules.Severity;
import io.postureaudit.support.SlackStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery through the real Slack SDK when Slack says no or the process dies: a 429 waits as long as
 * {@code Retry-After} says, a 5xx storm backs off with jitter and ends as a dead letter that an admin can retry,
 * a message posted but not recorded is looked up instead of posted again, rows locked by another replica are
 * skipped, and posts to one channel keep their pace. The token never appears in what is recorded.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class OutboxDeliveryTest {

    @Inject
    OutboxDelivery delivery;

    @Inject
    OutboxStore store;

    @Inject
    FindingService findings;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void quiet() {
        delivery.deliverPending();
        TestEnvironment.slack().clear();
    }

    @Test
    void shouldWaitAsLongAsRetryAfterSaysWhenSlackRateLimits() {
        long id = pending("rate-limited");
        TestEnvironment.slack().retryAfter(7);
        TestEnvironment.slack().failNext("http429");
        Instant before = Instant.now();
        delivery.deliverPending();
        OutboxMessage afterLimit = load(id);
        assertEquals(OutboxMessage.PENDING, afterLimit.status);
        assertEquals(1, afterLimit.attempts);
        long waited = Duration.between(before, afterLimit.nextAttemptAt).toMillis();
        assertTrue(waited >= 6_900 && waited <= 9_000, "Retry-After: 7 means about 7 s, found " + waited + " ms");
        assertTrue(afterLimit.lastError.contains("429"), afterLimit.lastError);
        assertFalse(afterLimit.lastError.contains("xoxb"), "the token must never be recorded");

        makeDue(id);
        delivery.deliverPending();
        assertEquals(OutboxMessage.DELIVERED, load(id).status);
        assertEquals(2, TestEnvironment.slack().posts().size());
        assertEquals(1, TestEnvironment.slack().messages().size(), "the rate-limited attempt posted nothing");
    }

    @Test
    void shouldBackOffWithJitterThenDeadLetterWhenSlackFailsEveryTime() {
        long id = pending("storm");
        TestEnvironment.slack().failNext("http503", 8);
        List<Long> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            makeDue(id);
            Instant before = Instant.now();
            delivery.deliverPending();
            OutboxMessage m = load(id);
            assertEquals(attempt, m.attempts);
            if (attempt < 8) {
                long delay = Duration.between(before, m.nextAttemptAt).toSeconds();
                long ceiling = Backoff.ceiling(attempt).toSeconds();
                assertTrue(delay >= ceiling / 2 - 1 && delay <= ceiling + 1,
                        "attempt " + attempt + ": expected " + ceiling / 2 + ".." + ceiling + " s, found " + delay);
                delays.add(delay);
            }
        }
        assertTrue(delays.get(5) > delays.get(0) * 8, "delays grow exponentially: " + delays);
        OutboxMessage dead = load(id);
        assertEquals(OutboxMessage.FAILED, dead.status, "posture.slack.max-attempts (8) makes a dead letter");
        assertNull(dead.deliveredAt);

        viewer().get("/api/outbox?status=failed").then().statusCode(403);
        admin().get("/api/outbox?status=failed").then().statusCode(200).body("id", hasItem((int) id))
                .body("find { it.id == " + id + " }.attempts", equalTo(8))
                .body("find { it.id == " + id + " }.lastError", org.hamcrest.Matchers.containsString("503"));
        admin().get("/api/outbox?status=lost").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("expected one of pending, delivered, failed"));
        admin().post("/api/outbox/" + id + "/retry").then().statusCode(200).body("status", equalTo("pending"))
                .body("attempts", equalTo(0));
        delivery.deliverPending();
        assertEquals(OutboxMessage.DELIVERED, load(id).status);
        assertEquals(1, TestEnvironment.slack().messages().size());
        admin().post("/api/outbox/" + id + "/retry").then().statusCode(409);
        admin().post("/api/outbox/999999999/retry").then().statusCode(404);
    }

    @Test
    void shouldGiveUpAfterFewAttemptsWhenSlackRefusesForGood() {
        long id = pending("wrong-channel");
        for (int attempt = 1; attempt <= 3; attempt++) {
            TestEnvironment.slack().failNext("channel_not_found");
            makeDue(id);
            delivery.deliverPending();
        }
        OutboxMessage failed = load(id);
        assertEquals(OutboxMessage.FAILED, failed.status);
        assertEquals(3, failed.attempts);
        assertTrue(failed.lastError.contains("channel_not_found"), failed.lastError);
        assertNull(failed.deliveredAt);
    }

    @Test
    void shouldNotPostAgainWhenConnectionDroppedAfterSlackStoredTheMessage() {
        FindingScenario s = new FindingScenario(findings, SlackWorkflowTest.STAGING, "staging", Severity.CRITICAL,
                "iam.role", "dropped", Map.of());
        long findingId = s.hit();
        TestEnvironment.slack().failNext("drop");
        delivery.deliverPending();
        OutboxMessage unknown = SlackWorkflowTest.message(findingId, "slack-alert");
        assertEquals(OutboxMessage.PENDING, unknown.status, "no answer: the outcome is unknown");
        assertTrue(unknown.maybeSent);
        assertEquals(1, TestEnvironment.slack().messages().size(), "Slack did store it");

        makeDue(unknown.id);
        delivery.deliverPending();
        OutboxMessage after = load(unknown.id);
        assertEquals(OutboxMessage.DELIVERED, after.status);
        assertEquals(1, TestEnvironment.slack().posts().size(), "looked up, not posted again");
        assertEquals(1, TestEnvironment.slack().calls("conversations.history").size());
        assertEquals(TestEnvironment.slack().messages().get(0).ts(), after.remoteRef, "recorded with Slack's ts");
    }

    @Test
    void shouldDeliverOnceWhenProcessDiedBetweenPostingAndRecording() throws Exception {
        FindingScenario s = new FindingScenario(findings, SlackWorkflowTest.STAGING, "staging", Severity.HIGH,
                "iam.user", "crash", Map.of());
        long findingId = s.hit();
        delivery.deliverPending();
        OutboxMessage alert = SlackWorkflowTest.message(findingId, "slack-alert");
        String ts = alert.remoteRef;
        // What a process killed after Slack answered, before the outcome was committed, leaves behind: the row
        // claimed (its lease running out) and marked as possibly sent, nothing recorded.
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("update outbox_message set status = 'pending', delivered_at = null, "
                    + "remote_ref = null, remote_channel = null, attempts = 0, maybe_sent = true, "
                    + "next_attempt_at = now() - interval '1 second' where id = " + alert.id);
        }
        findings.suppress(findingId, "known", null, "admin");
        delivery.deliverPending();

        assertEquals(1, TestEnvironment.slack().alerts().size(), "the alert is not posted twice");
        OutboxMessage recovered = load(alert.id);
        assertEquals(OutboxMessage.DELIVERED, recovered.status);
        assertEquals(ts, recovered.remoteRef);
        SlackStub.Call reply = SlackWorkflowTest.single(TestEnvironment.slack().posts().stream()
                .filter(p -> p.fields().get("thread_ts") != null).toList());
        assertEquals(ts, reply.fields().get("thread_ts"), "the reply still finds its thread");
    }

    @Test
    void shouldSkipRowsAnotherReplicaHoldsWhenClaiming() throws Exception {
        long held = pending("held");
        long free = pending("free");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ResultSet locked = c.createStatement().executeQuery(
                    "select id from outbox_message where id = " + held + " for update");
            assertTrue(locked.next());
            List<Long> claimed = store.claim(100).ids();
            assertTrue(claimed.contains(free), "free row claimed: " + claimed);
            assertFalse(claimed.contains(held), "a row locked by another replica is skipped: " + claimed);
            c.rollback();
        }
        makeDue(free);
        delivery.deliverPending();
        Set<String> delivered = TestEnvironment.slack().messages().stream().map(SlackStub.Posted::text)
                .collect(Collectors.toSet());
        assertTrue(delivered.stream().anyMatch(t -> t.contains("held")), "the held row is delivered once free");
        assertEquals(2, delivered.size());
    }

    @Test
    void shouldPostEachMessageOnceWhenTwoWorkersDeliverAtTheSameTime() throws Exception {
        for (int i = 0; i < 6; i++) {
            pending("raced-" + i);
        }
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                runs.add(workers.submit(() -> {
                    start.await();
                    return delivery.deliverPending();
                }));
            }
            start.countDown();
            int delivered = 0;
            for (var run : runs) {
                delivered += run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals(6, delivered, "each message counted by exactly one worker");
        } finally {
            workers.shutdownNow();
        }
        List<String> texts = TestEnvironment.slack().messages().stream().map(SlackStub.Posted::text).toList();
        assertEquals(6, texts.size(), "six posts for six messages: " + texts);
        assertEquals(6, new java.util.HashSet<>(texts).size(), "no message posted twice: " + texts);
    }

    @Test
    void shouldReturnOnlyWhenWhatAnotherThreadClaimedIsDelivered() throws Exception {
        // The end of a scan sweeps the outbox on the scan's thread; a sweep started meanwhile (the timer, POST
        // /api/digests, a test) finds those messages claimed, and must not report "done" while they are on the way.
        long first = pending("claimed-first");
        long second = pending("claimed-second");
        TestEnvironment.slack().latency(700);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var running = other.submit(delivery::deliverPending);
            Instant deadline = Instant.now().plusSeconds(30);
            while (load(first).nextAttemptAt.isBefore(Instant.now().plusSeconds(60))) {
                assertTrue(Instant.now().isBefore(deadline), "the other thread never claimed the messages");
                Thread.sleep(10);
            }
            delivery.deliverPending();
            assertEquals(OutboxMessage.DELIVERED, load(first).status, "returned while the other thread was posting");
            assertEquals(OutboxMessage.DELIVERED, load(second).status);
            assertEquals(2, running.get(60, java.util.concurrent.TimeUnit.SECONDS), "the claiming thread delivered both");
            assertEquals(2, TestEnvironment.slack().posts().size());
        } finally {
            TestEnvironment.slack().latency(0);
            other.shutdownNow();
        }
    }

    @Test
    void shouldLeaveAMessageToTheWorkerThatClaimedItAfterTheFirstClaimLapsed() {
        long id = pending("lapsed-claim");
        OutboxStore.Claim slow = store.claim(100);
        assertEquals(List.of(id), slow.ids());
        assertTrue(store.holds(id, slow.until()), "fresh claim");
        makeDue(id); // the slow worker's lease lapsed (Retry-After held its channel back) ...
        OutboxStore.Claim other = store.claim(100); // ... and another replica claimed the message
        assertEquals(List.of(id), other.ids());
        assertFalse(store.holds(id, slow.until()), "the lapsed claim must not deliver it as well");
        assertTrue(store.holds(id, other.until()));
        makeDue(id);
        assertFalse(store.holds(id, other.until()), "a lapsed claim nobody took is re-taken through claim, not kept");
        delivery.deliverPending();
        assertEquals(1, TestEnvironment.slack().posts().size());
    }

    @Test
    void shouldKeepPaceBetweenPostsWhenOneChannelGetsMany() {
        for (int i = 0; i < 4; i++) {
            pending("paced-" + i);
        }
        delivery.deliverPending();
        List<SlackStub.Call> posts = TestEnvironment.slack().posts();
        assertEquals(4, posts.size());
        // The pacer spaces the sends 200 ms apart; the stub sees arrivals, and one request delayed on its way (a
        // loaded machine) shortens the gap after it while lengthening the one before. So the span is judged: three
        // paces between the first and the last post, less what one late arrival can take off. Unpaced, the four
        // posts arrive within a few tens of milliseconds.
        long span = Duration.between(posts.get(0).at(), posts.get(3).at()).toMillis();
        assertTrue(span >= 3 * 200 - 100, "four posts to one channel span at least three paces (600 ms), found "
                + span + " ms");
    }

    private static long pending(String title) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("severity", "high");
            payload.put("title", title);
            payload.put("message", "IAM user test is " + title + ".");
            payload.put("accountName", "dev");
            payload.put("accountId", TestEnvironment.DEV);
            payload.put("region", "global");
            payload.put("ruleId", "outbox_test");
            payload.put("resourceArn", "arn:aws:iam::" + TestEnvironment.DEV + ":user/test");
            OutboxMessage message = OutboxMessage.pending("finding-opened", "alerts", null, payload, Instant.now());
            message.persist();
            return message.id;
        });
    }

    private static void makeDue(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage message = OutboxMessage.findById(id);
            message.nextAttemptAt = Instant.now().minusSeconds(1);
        });
    }

    private static OutboxMessage load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.findById(id));
    }
}
