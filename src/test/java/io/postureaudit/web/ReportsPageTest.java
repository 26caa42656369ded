package io.postureaudit.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.report.ReportTestProfile;
import io.postureaudit.support.Api;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The reports pages as a signed-in browser uses them: the archive, generating from the form (CSRF token required),
 * a bad period answered on the page, and editing the action items of a report.
 */
@QuarkusTest
@TestProfile(ReportTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
class ReportsPageTest {

    @Test
    void shouldGenerateAndEditActionItemsFromThePagesWhenSignedInAsAdmin() {
        WebSecurityTest.Browser admin = WebSecurityTest.signIn("admin", "admin-pass");
        String list = given().cookie("posture-session", admin.session()).get("/reports").then().statusCode(200)
                .extract().asString();
        assertTrue(list.contains("Generate a report") && list.contains("name=\"_csrf\""), list);

        given().cookie("posture-session", admin.session()).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("from", "2025-07-01").formParam("to", "2025-07-14").post("/reports").then()
                .statusCode(403);
        String location = given().cookie("posture-session", admin.session()).redirects().follow(false)
                .contentType(ContentType.URLENC).formParam("from", "2025-07-01").formParam("to", "2025-07-14")
                .formParam("language", "ja").formParam("_csrf", admin.csrf()).post("/reports").then()
                .statusCode(303).header("Location", matchesPattern(".*/reports/\\d+$")).extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        await(id);

        String view = given().cookie("posture-session", admin.session()).get("/reports/" + id).then()
                .statusCode(200).extract().asString();
        assertTrue(view.contains("<svg") && view.contains("/api/reports/" + id + "/report.pdf"), view);
        assertTrue(view.contains("action=\"/reports/" + id + "/action-items\""), "admins get the edit form");

        given().cookie("posture-session", admin.session()).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("id", "").formParam("text", "Review the <root> keys").formParam("owner", "yui")
                .formParam("status", "open").formParam("_csrf", admin.csrf())
                .post("/reports/" + id + "/action-items").then().statusCode(303);
        String edited = given().cookie("posture-session", admin.session()).get("/reports/" + id).then()
                .statusCode(200).extract().asString();
        assertTrue(edited.contains("value=\"Review the &lt;root&gt; keys\""), "the item is shown, escaped: " + edited);
        assertEquals("Review the <root> keys", Api.viewer().get("/api/reports/" + id + "/action-items").then()
                .statusCode(200).extract().jsonPath().getString("[0].text"));
        Api.viewer().get("/api/reports/" + id + "/report.md").then().statusCode(200)
                .body(containsString("| 1 | Review the \\<root\\> keys | yui | 未完了 | 追加 |"));

        String future = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(3).toString();
        given().cookie("posture-session", admin.session()).contentType(ContentType.URLENC).formParam("to", future)
                .formParam("language", "en").formParam("_csrf", admin.csrf()).post("/reports").then().statusCode(400)
                .body(containsString("to: expected a date no later than today"));
    }

    @Test
    void shouldShowTheArchiveWithoutFormsToViewers() {
        WebSecurityTest.Browser viewer = WebSecurityTest.signIn("viewer", "viewer-pass");
        given().cookie("posture-session", viewer.session()).get("/reports").then().statusCode(200)
                .body(containsString("Study-session reports")).body(not(containsString("Generate a report")));
        given().cookie("posture-session", viewer.session()).contentType(ContentType.URLENC)
                .formParam("_csrf", viewer.csrf()).post("/reports").then().statusCode(403);
    }

    private static void await(long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            String status = Api.viewer().get("/api/reports/" + id).then().statusCode(200).extract().jsonPath()
                    .getString("status");
            if (!"pending".equals(status)) {
                assertEquals("ready", status);
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("report " + id + " still pending after 120 s");
    }
}
