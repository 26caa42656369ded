package io.postureaudit.web;

import static io.restassured.RestAssured.given;
import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every path but health needs a signed-in user; viewers read, only admins change. Bad input says what was wrong. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class AuthenticationTest {

    @Test
    void shouldAnswerHealthWithoutSignInWhenAnonymous() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldRejectEveryOtherPathWhenAnonymous() {
        for (String path : new String[] {"/api/findings", "/api/scans", "/api/resources", "/api/rules", "/q/openapi",
                "/q/metrics"}) {
            given().get(path).then().statusCode(401);
        }
        for (String path : new String[] {"/", "/findings", "/principals", "/scans", "/rules"}) {
            given().redirects().follow(false).get(path).then().statusCode(302)
                    .header("Location", containsString("/login?next="));
        }
        given().post("/api/scans").then().statusCode(401);
    }

    @Test
    void shouldRequireViewerRoleForMetricsOpenApiPagesAndApiWhenSignedInWithoutRole() {
        for (String path : new String[] {"/q/metrics", "/q/openapi", "/api/findings", "/api/scans", "/findings",
                "/scans", "/rules", "/"}) {
            given().auth().preemptive().basic("norole", "norole-pass").redirects().follow(false).get(path).then()
                    .statusCode(403);
        }
        viewer().get("/q/metrics").then().statusCode(200);
        viewer().get("/q/openapi").then().statusCode(200);
        given().auth().preemptive().basic("norole", "norole-pass").get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldRejectWrongPasswordWhenSigningIn() {
        given().auth().preemptive().basic("admin", "wrong").get("/api/findings").then().statusCode(401);
    }

    @Test
    void shouldForbidChangesWhenSignedInAsViewer() {
        viewer().post("/api/scans").then().statusCode(403);
        viewer().post("/api/rules/reload").then().statusCode(403);
        viewer().contentType("application/json").body("{\"justification\":\"x\"}")
                .post("/api/findings/1/suppress").then().statusCode(403);
    }

    @Test
    void shouldExplainBadFiltersWhenQueryIsInvalid() {
        viewer().queryParam("severity", "urgent").get("/api/findings").then().statusCode(400)
                .body("error", containsString("found 'urgent'"));
        viewer().queryParam("status", "closed").get("/api/findings").then().statusCode(400)
                .body("error", containsString("open, resolved, suppressed"));
        viewer().queryParam("size", 100000).get("/api/resources").then().statusCode(400)
                .body("error", containsString("size: expected 1 to 500"));
        viewer().get("/api/scans/987654").then().statusCode(404);
    }

    @Test
    void shouldExplainBadSuppressionWhenJustificationOrExpiryIsWrong() {
        admin().contentType("application/json").body("{\"justification\":\"\"}")
                .post("/api/findings/987654/suppress").then().statusCode(400)
                .body("error", containsString("justification"));
        admin().contentType("application/json").body("{\"justification\":\"accepted\",\"expiresAt\":\"next week\"}")
                .post("/api/findings/987654/suppress").then().statusCode(400)
                .body("error", containsString("found 'next week'"));
        admin().contentType("application/json").body("{\"justification\":\"accepted\"}")
                .post("/api/findings/987654/suppress").then().statusCode(404);
    }

    @Test
    void shouldListLoadedRulesWhenSignedIn() {
        viewer().get("/api/rules").then().statusCode(200)
                .body("find { it.id == 'iam_user_console_without_mfa' }.severity", equalTo("high"));
    }
}
