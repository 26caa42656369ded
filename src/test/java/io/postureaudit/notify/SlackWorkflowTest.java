package io.postureaudit.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.findings.FindingService;
import io.postureaudit.rules.Severity;
import io.postureaudit.support.SlackStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.FlushModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A finding's story in Slack through the real SDK and the Slack stub: a Block Kit alert for an urgent finding,
 * its later changes as replies in the alert's thread plus an update of the alert, the rest for the digest, and
 * AWS text that cannot mention, link or format.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SlackWorkflowTest {

    static final String STAGING = "333333333333";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FindingService findings;

    @Inject
    OutboxDelivery delivery;

    @BeforeEach
    void quiet() {
        delivery.deliverPending();
        TestEnvironment.slack().clear();
    }

    @Test
    void shouldPostAlertThenThreadRepliesAndUpdatesWhenFindingChanges() throws Exception {
        FindingScenario s = new FindingScenario(findings, STAGING, "staging", Severity.CRITICAL, "iam.role",
                "deploy", Map.of("public", true));
        long id = s.hit();
        delivery.deliverPending();

        SlackStub.Call alert = single(TestEnvironment.slack().alerts());
        assertEquals(TestEnvironment.STAGING_CHANNEL, alert.fields().get("channel"), "routed by environment label");
        String text = alert.fields().get("text");
        assertTrue(text.startsWith("New CRITICAL finding in staging (" + STAGING + ")"), text);
        JsonNode blocks = JSON.readTree(alert.fields().get("blocks"));
        String all = blocks.toString();
        assertTrue(all.contains("Why it matters") && all.contains("Exposed things let anyone read them."), all);
        assertTrue(all.contains("aws thing close --name deploy") && all.contains("aws_thing"), "CLI and Terraform");
        assertTrue(all.contains("Evidence") && all.contains("public"), all);
        assertTrue(all.contains("`ap-northeast-1`") && all.contains(s.resource.arn()), all);
        String link = TestEnvironment.PUBLIC_URL + "/findings/" + id;
        assertTrue(all.contains(link), "links to the web view: " + all);
        List<String> actions = blocks.findValuesAsText("action_id");
        assertEquals(List.of("suppress_7", "suppress_30", "suppress_90", "open_web"), actions);
        JsonNode metadata = JSON.readTree(alert.fields().get("metadata"));
        assertEquals(SlackSender.METADATA_TYPE, metadata.get("event_type").asText());
        String key = metadata.get("event_payload").get("delivery_key").asText();
        assertEquals(key, message(id, "slack-alert").deliveryKey, "the key Slack holds is the outbox row's");
        String alertTs = TestEnvironment.slack().messages().get(0).ts();

        findings.suppress(id, "accepted for the migration", Instant.now().plusSeconds(7 * 86400), "slack:U0ADMIN01");
        delivery.deliverPending();
        SlackStub.Call reply = single(TestEnvironment.slack().posts().subList(1, 2));
        assertEquals(alertTs, reply.fields().get("thread_ts"), "the change is told in the alert's thread");
        assertTrue(reply.fields().get("text").startsWith("Suppressed by slack:U0ADMIN01 until"), reply.fields().get("text"));
        assertTrue(reply.fields().get("text").contains("(7 days): accepted for the migration"), reply.fields().get("text"));
        SlackStub.Call update = single(TestEnvironment.slack().calls("chat.update"));
        assertEquals(alertTs, update.fields().get("ts"));
        assertEquals(TestEnvironment.STAGING_CHANNEL, update.fields().get("channel"));
        assertTrue(update.fields().get("blocks").contains("suppressed"), update.fields().get("blocks"));
        assertFalse(update.fields().get("blocks").contains("suppress_7"), "a suppressed finding offers no suppression");

        findings.unsuppress(id, "admin");
        s.fixed();
        delivery.deliverPending();
        List<SlackStub.Call> posts = TestEnvironment.slack().posts();
        assertEquals(4, posts.size(), "alert, suppressed, unsuppressed, resolved: " + posts);
        assertTrue(posts.subList(1, 4).stream().allMatch(p -> alertTs.equals(p.fields().get("thread_ts"))));
        assertTrue(posts.get(3).fields().get("text").startsWith("Resolved: no longer seen by a complete scan"));
        List<SlackStub.Posted> inSlack = TestEnvironment.slack().messages();
        assertTrue(inSlack.get(0).blocks().contains("resolved"), "the alert shows the current status");
        assertEquals(1, TestEnvironment.slack().alerts().size(), "one alert for the whole story");
    }

    /**
     * A scan's reconcile holds every finding of the account and publishes one event per new finding; recording an
     * event must not flush (dirty-check) everything the transaction holds each time: that made storing a large
     * account quadratic, past the transaction timeout.
     */
    @Test
    void shouldRecordEventsWithoutFlushingWhatTheTransactionHolds() {
        FindingScenario held = new FindingScenario(findings, STAGING, "staging", Severity.CRITICAL, "iam.role", "held",
                Map.of("public", true));
        long heldId = held.hit();
        long heldAlert = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find(
                "findingId = ?1 and kind = ?2", heldId, OutboxMessage.SLACK_ALERT).singleResult().id);
        FindingScenario fresh = new FindingScenario(findings, STAGING, "staging", Severity.CRITICAL, "iam.role",
                "fresh", Map.of("public", true));
        Object stored = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage.<OutboxMessage>findById(heldAlert).lastError = "changed in memory, not yet flushed";
            fresh.see();
            return Panache.getEntityManager().createNativeQuery("select last_error from outbox_message where id = ?1")
                    .setFlushMode(FlushModeType.COMMIT).setParameter(1, heldAlert).getSingleResult();
        });
        assertNull(stored, "recording the new finding's alert flushed the held change");
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("findingId = ?1 and kind = ?2",
                fresh.findingId(), OutboxMessage.SLACK_ALERT)), "the new finding's alert is recorded");
        assertEquals("changed in memory, not yet flushed", QuarkusTransaction.requiringNew().call(
                () -> OutboxMessage.<OutboxMessage>findById(heldAlert).lastError), "the held change is committed");
    }

    @Test
    void shouldKeepLowSeverityForDigestWhenNotUrgent() {
        FindingScenario s = new FindingScenario(findings, STAGING, "staging", Severity.MEDIUM, "kms.key", "k1",
                Map.of());
        long id = s.hit();
        delivery.deliverPending();
        assertEquals(0, TestEnvironment.slack().posts().size(), "a medium finding is not an immediate alert");
        assertEquals(1L, count("select count(*) from digest_item where finding_id = " + id + " and channel = '"
                + TestEnvironment.STAGING_CHANNEL + "' and event_type = 'opened' and digest_message_id is null"));
    }

    @Test
    void shouldDelayNonCriticalAlertIntoDigestWhenChannelIsInQuietHours() {
        FindingScenario high = new FindingScenario(findings, "444444444444", "quiet", Severity.HIGH, "iam.user", "u1",
                Map.of());
        long highId = high.hit();
        FindingScenario critical = new FindingScenario(findings, "444444444444", "quiet", Severity.CRITICAL,
                "iam.user", "u2", Map.of());
        critical.hit();
        delivery.deliverPending();
        SlackStub.Call only = single(TestEnvironment.slack().alerts());
        assertEquals(TestEnvironment.QUIET_CHANNEL, only.fields().get("channel"));
        assertTrue(only.fields().get("text").contains("CRITICAL"), "critical alerts break quiet hours");
        assertEquals(1L, count("select count(*) from digest_item where finding_id = " + highId));
    }

    @Test
    void shouldShowHostileAwsTextAsTextWhenPostingAlert() throws Exception {
        String name = "<!channel> *urgent* _x_ ~y~ `z` <@U999> <https://evil.example|click> & more";
        FindingScenario s = new FindingScenario(findings, STAGING, "staging", Severity.HIGH, "guardduty.finding",
                name, Map.of("title", "<!here> ```break out```", "severity", 8.0));
        s.hit();
        delivery.deliverPending();
        SlackStub.Call alert = single(TestEnvironment.slack().alerts());
        String text = alert.fields().get("text");
        JsonNode blocks = JSON.readTree(alert.fields().get("blocks"));
        List<String> shown = new java.util.ArrayList<>(texts(blocks));
        assertTrue(shown.size() >= 5, "every section's text is checked: " + shown);
        shown.add(text);
        for (String t : shown) {
            assertFalse(t.contains("<!channel>") || t.contains("<!here>") || t.contains("<@U999>")
                    || t.contains("<https://evil"), "AWS text must not mention or link: " + t);
            // Inside code blocks and spans mrkdwn formats nothing; everywhere else the characters must not pair.
            String prose = t.replaceAll("(?s)```.*?```", "").replaceAll("`[^`]*`", "");
            assertFalse(prose.contains("*urgent*") || prose.contains("_x_") || prose.contains("~y~"),
                    "AWS text must not format: " + t);
        }
        assertTrue(text.contains("&lt;!channel&gt;") && text.contains("&amp; more"), text);
        String evidence = blocks.toString();
        assertFalse(evidence.contains("```break out```"), "evidence cannot close its code block: " + evidence);
    }

    @Test
    void shouldCutLongTextToSlackLimitsWithLinkWhenPosting() throws Exception {
        String longName = "n".repeat(5000);
        FindingScenario s = new FindingScenario(findings, STAGING, "staging", Severity.CRITICAL, "iam.policy",
                longName, Map.of("document", "x".repeat(20000)));
        long id = s.hit();
        delivery.deliverPending();
        SlackStub.Call alert = single(TestEnvironment.slack().alerts());
        assertEquals(OutboxMessage.DELIVERED, message(id, "slack-alert").status);
        assertTrue(alert.fields().get("text").length() <= AlertMessages.TEXT_LIMIT);
        JsonNode blocks = JSON.readTree(alert.fields().get("blocks"));
        for (JsonNode block : blocks) {
            JsonNode textNode = block.get("text");
            if (textNode != null) {
                assertTrue(textNode.get("text").asText().length() <= AlertMessages.SECTION_LIMIT,
                        "section within Slack's 3000 characters");
            }
            if (block.has("fields")) {
                block.get("fields").forEach(f -> assertTrue(f.get("text").asText().length()
                        <= AlertMessages.FIELD_LIMIT));
            }
        }
        assertTrue(blocks.toString().contains("full finding in the web view"), "a cut says where the rest is");
    }

    /** Every text shown in Block Kit JSON (section texts, fields, context elements, buttons). */
    static List<String> texts(JsonNode blocks) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode node : blocks.findValues("text")) {
            if (node.isTextual()) {
                out.add(node.asText());
            } else if (node.has("text")) {
                out.add(node.get("text").asText());
            }
        }
        for (JsonNode fields : blocks.findValues("fields")) {
            fields.forEach(f -> out.add(f.path("text").asText()));
        }
        return out;
    }

    static <T> T single(List<T> items) {
        assertEquals(1, items.size(), () -> "expected exactly one, found " + items);
        return items.get(0);
    }

    static OutboxMessage message(long findingId, String kind) {
        OutboxMessage m = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find(
                "findingId = ?1 and kind = ?2", findingId, kind).firstResult());
        assertNotNull(m, "no " + kind + " for finding " + findingId);
        return m;
    }

    static long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) io.quarkus.hibernate.orm.panache.Panache
                .getEntityManager().createNativeQuery(sql).getSingleResult()).longValue());
    }
}
