package io.postureaudit.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.findings.FindingService;
import io.postureaudit.rules.Severity;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PagerDuty through the same outbox, against a stub of the Events API v2: a critical finding triggers with the
 * fingerprint as dedup key, its resolution resolves the same key, a high finding pages nobody, and a 429 waits
 * as long as PagerDuty says before the event is sent again.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PagerDutyDeliveryTest {

    @Inject
    FindingService findings;

    @Inject
    OutboxDelivery delivery;

    @BeforeEach
    void quiet() {
        delivery.deliverPending();
        TestEnvironment.pagerDuty().clear();
        TestEnvironment.slack().clear();
    }

    @Test
    void shouldTriggerThenResolveWithFingerprintWhenCriticalFindingComesAndGoes() {
        FindingScenario s = new FindingScenario(findings, SlackWorkflowTest.STAGING, "staging", Severity.CRITICAL,
                "iam.role", "paged", Map.of());
        long id = s.hit();
        delivery.deliverPending();
        JsonNode trigger = SlackWorkflowTest.single(TestEnvironment.pagerDuty().events());
        String fingerprint = QuarkusTransaction.requiringNew().call(() -> io.postureaudit.findings.Finding
                .<io.postureaudit.findings.Finding>findById(id).fingerprint);
        assertEquals("trigger", trigger.get("event_action").asText());
        assertEquals(fingerprint, trigger.get("dedup_key").asText());
        assertEquals(TestEnvironment.PAGERDUTY_KEY, trigger.get("routing_key").asText());
        assertEquals("critical", trigger.at("/payload/severity").asText());
        assertEquals("[staging] Thing paged is exposed.", trigger.at("/payload/summary").asText());
        assertEquals(SlackWorkflowTest.STAGING + "/ap-northeast-1", trigger.at("/payload/source").asText());
        assertEquals(TestEnvironment.PUBLIC_URL + "/findings/" + id, trigger.at("/links/0/href").asText());

        s.fixed();
        delivery.deliverPending();
        List<JsonNode> events = TestEnvironment.pagerDuty().events();
        assertEquals(2, events.size());
        assertEquals("resolve", events.get(1).get("event_action").asText());
        assertEquals(fingerprint, events.get(1).get("dedup_key").asText());
        assertFalse(events.get(1).has("payload"), "a resolve carries no payload");
        OutboxMessage sent = SlackWorkflowTest.message(id, "pagerduty-event");
        assertFalse(sent.lastError != null && sent.lastError.contains(TestEnvironment.PAGERDUTY_KEY),
                "the routing key is never recorded");
    }

    @Test
    void shouldPageNobodyWhenFindingIsOnlyHigh() {
        FindingScenario s = new FindingScenario(findings, SlackWorkflowTest.STAGING, "staging", Severity.HIGH,
                "iam.role", "unpaged", Map.of());
        s.hit();
        s.fixed();
        delivery.deliverPending();
        assertEquals(0, TestEnvironment.pagerDuty().events().size());
    }

    @Test
    void shouldRetryAfterWhatPagerDutySaysWhenThrottled() {
        FindingScenario s = new FindingScenario(findings, SlackWorkflowTest.STAGING, "staging", Severity.CRITICAL,
                "kms.key", "throttled", Map.of());
        long id = s.hit();
        TestEnvironment.pagerDuty().failNext(429);
        Instant before = Instant.now();
        delivery.deliverPending();
        OutboxMessage waiting = SlackWorkflowTest.message(id, "pagerduty-event");
        assertEquals(OutboxMessage.PENDING, waiting.status);
        long waited = Duration.between(before, waiting.nextAttemptAt).toMillis();
        assertTrue(waited >= 1_900 && waited <= 4_000, "Retry-After: 2 means about 2 s, found " + waited + " ms");
        assertTrue(waiting.lastError.contains("429"), waiting.lastError);
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update("nextAttemptAt = ?1 where id = ?2",
                Instant.now().minusSeconds(1), waiting.id));
        delivery.deliverPending();
        assertEquals(1, TestEnvironment.pagerDuty().events().size());
        assertEquals(OutboxMessage.DELIVERED, SlackWorkflowTest.message(id, "pagerduty-event").status);
    }
}
