package io.postureaudit.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.notify.OutboxMessage;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox page as a signed-in admin uses it: dead letters with their error (escaped), a retry that needs the
 * CSRF token and puts the message back in line, a conflict for what is not a dead letter, Japanese text, and no
 * page at all for viewers.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class OutboxPageTest {

    static final String HOSTILE_ERROR = "Slack refused chat.postMessage: <script>window.__pwned=1</script> channel_not_found";

    @Test
    void shouldListDeadLetterWithErrorAndRetryItWithTokenWhenAdmin() {
        long id = deadLetter("outbox-page-" + System.nanoTime(), HOSTILE_ERROR);
        WebSecurityTest.Browser admin = WebSecurityTest.signIn("admin", "admin-pass");
        String page = given().cookie("posture-session", admin.session()).get("/outbox").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("id=\"message-" + id + "\""), "the dead letter is listed on the opening tab");
        assertTrue(page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt; channel_not_found"),
                "its error, escaped: " + page);
        assertFalse(page.contains("<script>window.__pwned"), "nothing of the error is markup");
        assertTrue(page.contains("action=\"/outbox/" + id + "/retry\"") && page.contains("name=\"_csrf\""), page);
        assertTrue(page.contains("href=\"/outbox\""), "admins get the outbox in the navigation");

        given().cookie("posture-session", admin.session()).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("x", "1").post("/outbox/" + id + "/retry").then().statusCode(403);
        assertEquals(OutboxMessage.FAILED, load(id).status, "no token, no retry");

        given().cookie("posture-session", admin.session()).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("_csrf", admin.csrf()).post("/outbox/" + id + "/retry").then().statusCode(303)
                .header("Location", endsWith("/outbox?status=pending&retried=" + id));
        OutboxMessage retried = load(id);
        assertEquals(OutboxMessage.PENDING, retried.status);
        assertEquals(0, retried.attempts, "a fresh count of attempts");
        String pending = given().cookie("posture-session", admin.session()).get("/outbox?status=pending&retried=" + id)
                .then().statusCode(200).extract().asString();
        assertTrue(pending.contains("id=\"retried\"") && pending.contains("Message " + id + " is pending again"),
                pending);
        assertTrue(pending.contains("id=\"message-" + id + "\""), "now listed as pending");

        given().cookie("posture-session", admin.session()).contentType(ContentType.URLENC)
                .formParam("_csrf", admin.csrf()).post("/outbox/" + id + "/retry").then().statusCode(409)
                .body(containsString("outbox message " + id + " is pending; expected failed or disabled"));
        given().cookie("posture-session", admin.session()).contentType(ContentType.URLENC)
                .formParam("_csrf", admin.csrf()).post("/outbox/abc/retry").then().statusCode(400)
                .body(containsString("id: expected the number of an outbox message, found &#39;abc&#39;"));
        given().cookie("posture-session", admin.session()).get("/outbox?status=lost").then().statusCode(400)
                .body(containsString("status: expected one of failed, pending, delivered, disabled; found &#39;lost&#39;"));
        given().cookie("posture-session", admin.session()).cookie("posture-lang", "ja").get("/outbox").then()
                .statusCode(200).body(containsString("配信不能")).body(containsString("送信キュー"));
    }

    @Test
    void shouldRefuseOutboxPageToViewers() {
        WebSecurityTest.Browser viewer = WebSecurityTest.signIn("viewer", "viewer-pass");
        given().cookie("posture-session", viewer.session()).get("/outbox").then().statusCode(403);
        String findings = given().cookie("posture-session", viewer.session()).get("/findings").then()
                .statusCode(200).extract().asString();
        assertFalse(findings.contains("href=\"/outbox\""), "viewers get no outbox link");
        long id = deadLetter("viewer-" + System.nanoTime(), "Slack refused chat.postMessage: not_in_channel");
        given().cookie("posture-session", viewer.session()).contentType(ContentType.URLENC)
                .formParam("_csrf", viewer.csrf()).post("/outbox/" + id + "/retry").then().statusCode(403);
        assertEquals(OutboxMessage.FAILED, load(id).status);
    }

    /** A message that gave up after its attempts, as delivery leaves one. */
    static long deadLetter(String title, String error) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage m = OutboxMessage.pending("finding-opened", "alerts", null,
                    Map.of("title", title, "severity", "high", "message", "IAM user " + title + " is exposed."),
                    Instant.now());
            m.status = OutboxMessage.FAILED;
            m.attempts = 8;
            m.lastError = error;
            m.persist();
            return m.id;
        });
    }

    private static OutboxMessage load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.findById(id));
    }
}
