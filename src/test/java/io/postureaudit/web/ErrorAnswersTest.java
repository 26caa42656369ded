package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Errors a person or a script can act on: bad numbers name the parameter, malformed JSON names the position,
 * unknown ids and pages answer 404 (an HTML page for people), failures answer 500 without SQL or stack traces,
 * and an unreachable database answers 503.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ErrorAnswersTest {

    @Test
    void shouldNameTheParameterWhenANumberIsNotOne() {
        viewer().get("/api/scans/abc").then().statusCode(400)
                .body("error", containsString("id: expected a whole number, found 'abc'"));
        viewer().get("/api/reports/x1").then().statusCode(400).body("error", containsString("id: expected a whole"));
        viewer().queryParam("page", "two").get("/api/resources").then().statusCode(400)
                .body("error", containsString("page: expected a whole number"));
        viewer().queryParam("limit", "99999999999").get("/api/scans").then().statusCode(400)
                .body("error", containsString("limit: expected 1 to 200, found 99999999999"));
        viewer().queryParam("page", "2147483647").get("/api/findings").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void shouldNamePositionWhenJsonIsMalformed() {
        admin().contentType("application/json").body("{\"principal\": \"arn:aws:iam::1:user/a\",\n \"action\" }")
                .post("/api/simulate").then().statusCode(400)
                .body("error", allOf(containsString("malformed JSON at line 2, column"), not(containsString("com.fasterxml"))));
        admin().contentType("application/json").body("{\"action\": [1, 2}").post("/api/simulate").then()
                .statusCode(400).body("error", containsString("line 1"));
        admin().contentType("application/json").body("{\"principal\": {\"no\": 1}, \"action\": \"s3:GetObject\"}")
                .post("/api/simulate").then().statusCode(400)
                .body("error", allOf(containsString("principal: expected a string"), not(containsString("java."))));
    }

    @Test
    void shouldKeepDomainStatusesWithoutTheBlanketMapping() {
        admin().contentType("application/json").body("{\"action\": \"s3:GetObject\", \"resource\": \"*\", \"identityPolicies\": []}")
                .post("/api/simulate").then().statusCode(400).body("error", containsString("principal: expected a value"));
        admin().contentType("application/json").body("{\"justification\": \"reviewed\"}").post("/api/findings/987654321/suppress")
                .then().statusCode(404).body("error", containsString("no finding with id 987654321"));
        viewer().get("/api/findings/987654321").then().statusCode(404);
    }

    @Test
    void shouldAnswerHtmlPagesFor404WithTheLayout() {
        String missing = viewer().accept("text/html").get("/no-such-page").then().statusCode(404)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(missing.contains("404 · Not found") && missing.contains("href=\"/findings\""), missing);
        String finding = viewer().accept("text/html").get("/findings/987654321").then().statusCode(404)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(finding.contains("no finding with id 987654321"), finding);
        String bad = viewer().accept("text/html").get("/scans/abc").then().statusCode(400).extract().asString();
        assertTrue(bad.contains("id: expected a whole number, found &#39;abc&#39;"), bad);
        String ja = viewer().accept("text/html").header("Accept-Language", "ja").get("/no-such-page").then()
                .statusCode(404).extract().asString();
        assertTrue(ja.contains("見つかりません"), ja);
        viewer().get("/api/no-such-endpoint").then().statusCode(404).contentType(containsString("json"))
                .body("error", containsString("/api/no-such-endpoint"));
    }

    @Test
    void shouldHideSqlAndStackTracesWhenSomethingFails() {
        String page = viewer().accept("text/html").get("/test-failure").then().statusCode(500)
                .contentType(containsString("text/html")).extract().asString();
        assertFalse(page.contains("password_hash") || page.contains("IllegalStateException") || page.contains("at io."),
                page);
        assertTrue(page.contains("Something went wrong"), page);
        String api = viewer().get("/api/test-failure").then().statusCode(500).extract().asString();
        assertFalse(api.contains("password_hash") || api.contains("Exception"), api);
        assertTrue(api.contains("reference"), api);
    }

    @Test
    void shouldAnswer503WhenTheDatabaseCannotBeReached() {
        viewer().get("/api/test-database-down").then().statusCode(503)
                .body("error", allOf(containsString("database is not reachable"), not(containsString("jdbc"))));
        String page = viewer().accept("text/html").get("/test-database-down").then().statusCode(503).extract()
                .asString();
        assertTrue(page.contains("The database is not reachable right now"), page);
    }
}
