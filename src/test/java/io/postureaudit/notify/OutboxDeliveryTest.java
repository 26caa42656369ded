package io.postureaudit.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.TestEnvironment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Delivery through the real Slack SDK when Slack says no: a rate limit backs off and is retried later, a
 * permanent error gives up after a few attempts, and the token never appears in what is recorded.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class OutboxDeliveryTest {

    @Inject
    OutboxDelivery delivery;

    @Test
    void shouldBackOffAndRetryWhenSlackRateLimits() {
        long id = pending("rate-limited");
        TestEnvironment.slack().failNext("http429");
        delivery.deliverPending();
        OutboxMessage afterLimit = load(id);
        assertEquals(OutboxMessage.PENDING, afterLimit.status);
        assertEquals(1, afterLimit.attempts);
        assertTrue(afterLimit.nextAttemptAt.isAfter(Instant.now()), "a rate-limited message waits before retrying");
        assertTrue(afterLimit.lastError.contains("429"), afterLimit.lastError);
        assertFalse(afterLimit.lastError.contains("xoxb"), "the token must never be recorded");

        makeDue(id);
        int posts = TestEnvironment.slack().posts().size();
        delivery.deliverPending();
        OutboxMessage delivered = load(id);
        assertEquals(OutboxMessage.DELIVERED, delivered.status);
        assertEquals(posts + 1, TestEnvironment.slack().posts().size());
        assertEquals(java.util.Set.of("chat.postMessage"), TestEnvironment.slack().calls().stream()
                .map(io.postureaudit.support.SlackStub.Call::method).collect(java.util.stream.Collectors.toSet()),
                "the service calls nothing on Slack but chat.postMessage");
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
