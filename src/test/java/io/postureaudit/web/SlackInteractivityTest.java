package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.findings.Finding;
import io.postureaudit.findings.FindingService;
import io.postureaudit.notify.OutboxDelivery;
import io.postureaudit.notify.SlackSignature;
import io.postureaudit.support.PlantedFinding;
import io.postureaudit.support.SlackStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's interactivity requests, signed as Slack signs them: forged, stale, unsigned and replayed requests get
 * 401; an admin's "Suppress 30 days" opens the justification modal and its submission suppresses the finding with
 * the Slack user as actor; anyone else is refused privately and changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SlackInteractivityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "555555555555";

    @Inject
    FindingService findings;

    @Inject
    OutboxDelivery delivery;

    long findingId;

    @BeforeEach
    void finding() {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "insert into account (id, name) values (?1, 'sandbox') on conflict (id) do nothing")
                .setParameter(1, ACCOUNT).executeUpdate());
        findingId = PlantedFinding.on(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":role/r").rule("interactivity_test")
                .fingerprintedAs("interactivity_test " + System.nanoTime()).title("Role is exposed")
                .message("IAM role r is exposed.").firstSeen(Instant.now()).lastScan(1L).store();
        delivery.deliverPending();
        TestEnvironment.slack().clear();
    }

    @Test
    void shouldRefuseWithUnauthorizedWhenSignatureIsMissingForgedOrStale() {
        String body = form(action(TestEnvironment.SLACK_ADMIN, "suppress_7"));
        long now = Instant.now().getEpochSecond();
        post(body, null, null).then().statusCode(401).body("error", containsString("X-Slack-Signature"));
        post(body, String.valueOf(now), "v0=" + SlackSignature.hmac("wrong-secret", "v0:" + now + ":" + body))
                .then().statusCode(401).body("error", containsString("does not match"));
        post(body + "&x=1", String.valueOf(now), sign(now, body)).then().statusCode(401);
        long stale = now - Duration.ofMinutes(6).toSeconds();
        post(body, String.valueOf(stale), sign(stale, body)).then().statusCode(401)
                .body("error", containsString("within 5 minutes"));
        assertEquals(0, TestEnvironment.slack().calls().size(), "nothing acted on");
    }

    @Test
    void shouldRefuseReplayWhenSameSignedRequestComesTwice() {
        String body = form(action(TestEnvironment.SLACK_ADMIN, "open_web"));
        long now = Instant.now().getEpochSecond();
        post(body, String.valueOf(now), sign(now, body)).then().statusCode(200);
        post(body, String.valueOf(now), sign(now, body)).then().statusCode(401).body("error", containsString("replay"));
    }

    @Test
    void shouldSuppressWithSlackUserAsActorWhenAdminSubmitsJustification() throws Exception {
        signed(form(action(TestEnvironment.SLACK_ADMIN, "suppress_30"))).then().statusCode(200);
        SlackStub.Call open = single(TestEnvironment.slack().calls("views.open"));
        assertEquals("trigger-123", open.fields().get("trigger_id"));
        JsonNode view = JSON.readTree(open.fields().get("view"));
        assertEquals("modal", view.get("type").asText());
        assertEquals("suppress_finding", view.get("callback_id").asText());
        JsonNode meta = JSON.readTree(view.get("private_metadata").asText());
        assertEquals(findingId, meta.get("findingId").asLong());
        assertEquals(30, meta.get("days").asInt());

        signed(form(submission(TestEnvironment.SLACK_ADMIN, view.get("private_metadata").asText(), "  ")))
                .then().statusCode(200).body("response_action", equalTo("errors"))
                .body("errors.justification", containsString("why"));
        signed(form(submission(TestEnvironment.SLACK_ADMIN, view.get("private_metadata").asText(),
                "Vendor integration, ticket SEC-12"))).then().statusCode(200);

        admin().get("/api/findings/" + findingId).then().statusCode(200).body("status", equalTo("suppressed"));
        List<Map<String, Object>> history = admin().get("/api/findings/" + findingId + "/history").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> last = history.get(history.size() - 1);
        assertEquals("suppressed", last.get("event"));
        assertEquals("slack:U0ADMIN01 (aiko)", last.get("actor"));
        assertEquals("Vendor integration, ticket SEC-12", last.get("reason"));
        Instant expires = QuarkusTransaction.requiringNew().call(() -> Finding.<Finding>findById(findingId)
                .suppressExpiresAt);
        long days = Duration.between(Instant.now(), expires).toHours();
        assertTrue(days >= 30 * 24 - 1 && days <= 30 * 24, "30 days, found " + days + " hours");
    }

    @Test
    void shouldRefusePrivatelyAndChangeNothingWhenUserIsNotAdmin() {
        signed(form(action("U0INTRUDER", "suppress_90"))).then().statusCode(200);
        SlackStub.Call refusal = single(TestEnvironment.slack().calls("chat.postEphemeral"));
        assertEquals("U0INTRUDER", refusal.fields().get("user"));
        assertEquals("C0STAGING1", refusal.fields().get("channel"));
        assertTrue(refusal.fields().get("text").contains("Only Posture Audit admins"), refusal.fields().get("text"));
        assertEquals(0, TestEnvironment.slack().calls("views.open").size());

        String meta = "{\"findingId\":" + findingId + ",\"days\":90}";
        signed(form(submission("U0INTRUDER", meta, "let me in"))).then().statusCode(200)
                .body("response_action", equalTo("errors"));
        admin().get("/api/findings/" + findingId).then().statusCode(200).body("status", equalTo("open"));
    }

    @Test
    void shouldAnswerBadRequestWhenSignedBodyHasNoPayload() {
        signed("token=x").then().statusCode(400).body("error", containsString("payload"));
    }

    private Response signed(String body) {
        long now = Instant.now().getEpochSecond();
        return post(body, String.valueOf(now), sign(now, body));
    }

    private static String sign(long ts, String body) {
        return "v0=" + SlackSignature.hmac(TestEnvironment.SLACK_SIGNING_SECRET, "v0:" + ts + ":" + body);
    }

    private static Response post(String body, String ts, String signature) {
        var request = given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded").body(body);
        if (ts != null) {
            request.header("X-Slack-Request-Timestamp", ts);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return request.post("/slack/interactivity");
    }

    private static String form(String payload) {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private String action(String user, String actionId) {
        return "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + user + "\",\"username\":\"aiko\"},"
                + "\"trigger_id\":\"trigger-123\",\"channel\":{\"id\":\"C0STAGING1\"},"
                + "\"actions\":[{\"action_id\":\"" + actionId + "\",\"value\":\"" + findingId + "\"}]}";
    }

    private static String submission(String user, String privateMetadata, String justification) {
        try {
            return JSON.writeValueAsString(Map.of("type", "view_submission",
                    "user", Map.of("id", user, "username", "aiko"),
                    "view", Map.of("callback_id", "suppress_finding", "private_metadata", privateMetadata,
                            "state", Map.of("values", Map.of("justification", Map.of("value",
                                    Map.of("type", "plain_text_input", "value", justification)))))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), () -> "expected exactly one, found " + items);
        return items.get(0);
    }
}
