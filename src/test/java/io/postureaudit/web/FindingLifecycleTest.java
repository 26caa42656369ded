package io.postureaudit.web;

import io.postureaudit.findings.SuppressionExpiryJob;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.AdjustableClock;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The finding lifecycle through the REST API, with scans against the fake AWS and time moved by the test clock:
 * suppression (justification required, who and when kept), expiry that reopens by itself, unsuppress, gaps that
 * must not resolve, resolve and reopen, and the posture score each scan stores. Quarkus runs test classes of one
 * set-up in class-name order, so this one (package web) runs after ScanPipelineTest (package scan), whose first
 * scan must meet a database without findings.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindingLifecycleTest {

    private static final String DEV = TestEnvironment.DEV;
    private static final String RULE = "iam_user_console_without_mfa";
    private static final String KENTA = "arn:aws:iam::" + DEV + ":user/kenta";

    @Inject
    AdjustableClock clock;

    @Inject
    SuppressionExpiryJob expiryJob;

    @BeforeAll
    static void plant() {
        Estates.plantDev(TestEnvironment.iam(), DEV);
        Estates.plantProd(TestEnvironment.iam(), TestEnvironment.PROD);
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
    }

    @AfterAll
    static void restore() {
        TestEnvironment.aws().clearFaults();
    }

    @Test
    @Order(1)
    void shouldRefuseSuppressionWhenJustificationIsMissingOrCallerIsViewer() {
        assertEquals("succeeded", scan().getString("status"));
        long id = findingId();
        admin().contentType(ContentType.JSON).body(Map.of("justification", "  ")).post("/api/findings/" + id + "/suppress")
                .then().statusCode(400).body(containsString("justification"));
        admin().contentType(ContentType.JSON).body(Map.of("justification", "lab", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api/findings/" + id + "/suppress").then().statusCode(400).body(containsString("expiresAt"));
        viewer().contentType(ContentType.JSON).body(Map.of("justification", "I say so"))
                .post("/api/findings/" + id + "/suppress").then().statusCode(403);
        assertEquals("open", finding(id).getString("status"));
    }

    @Test
    @Order(2)
    void shouldRecordWhoWhenAndWhyAndKeepSuppressedAcrossScansWhenSuppressed() {
        long id = findingId();
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        admin().contentType(ContentType.JSON)
                .body(Map.of("justification", "Kenta's MFA token is being replaced", "expiresAt", expires.toString()))
                .post("/api/findings/" + id + "/suppress").then().statusCode(200);
        JsonPath f = finding(id);
        assertEquals("suppressed", f.getString("status"));
        assertEquals("admin", f.getString("suppression.by"));
        assertEquals("Kenta's MFA token is being replaced", f.getString("suppression.justification"));
        assertEquals(expires, Instant.parse(f.getString("suppression.expiresAt")));
        Instant at = Instant.parse(f.getString("suppression.at"));
        assertTrue(!at.isBefore(now) && at.isBefore(now.plusSeconds(60)), "suppressed at " + at + ", clock " + now);

        scan();
        assertEquals("suppressed", finding(id).getString("status"), "a scan that still sees it keeps it suppressed");
        Map<String, Object> last = lastHistory(id, "suppressed");
        assertEquals("admin", last.get("actor"));
        assertEquals("open", last.get("fromStatus"));
    }

    @Test
    @Order(3)
    void shouldReopenByItselfWhenSuppressionExpiresBetweenScans() {
        long id = findingId();
        clock.advance(Duration.ofDays(1));
        assertEquals(0, expiryJob.expire(), "not yet expired");
        assertEquals("suppressed", finding(id).getString("status"));

        clock.advance(Duration.ofDays(2));
        assertTrue(expiryJob.expire() >= 1);
        JsonPath f = finding(id);
        assertEquals("open", f.getString("status"));
        assertNull(f.get("suppression"));
        Map<String, Object> expired = lastHistory(id, "expired");
        assertEquals("suppressed", expired.get("fromStatus"));
        assertEquals("open", expired.get("toStatus"));
    }

    @Test
    @Order(4)
    void shouldReopenWhenAdminLiftsSuppression() {
        long id = findingId();
        admin().contentType(ContentType.JSON).body(Map.of("justification", "accepted for the audit window"))
                .post("/api/findings/" + id + "/suppress").then().statusCode(200);
        assertNull(finding(id).get("suppression.expiresAt"));
        admin().post("/api/findings/" + id + "/unsuppress").then().statusCode(200);
        assertEquals("open", finding(id).getString("status"));
        assertEquals("admin", lastHistory(id, "unsuppressed").get("actor"));
        admin().post("/api/findings/" + id + "/unsuppress").then().statusCode(409);
    }

    @Test
    @Order(5)
    void shouldKeepFindingOpenWhenFixIsHiddenByGap() {
        long id = findingId();
        setKentaMfa(true);
        TestEnvironment.aws().denyAlways("iam:GetAccountAuthorizationDetails");
        try {
            JsonPath result = scan();
            assertEquals("partial", result.getString("status"));
            assertEquals("open", finding(id).getString("status"), "a scan with a gap is no evidence of a fix");
        } finally {
            TestEnvironment.aws().clearFaults();
        }
    }

    @Test
    @Order(6)
    void shouldResolveThenReopenWhenCompleteScansSeeFixAndRegression() {
        long id = findingId();
        scan();
        JsonPath resolved = finding(id);
        assertEquals("resolved", resolved.getString("status"));
        assertNotNull(resolved.getString("resolvedAt"));

        setKentaMfa(false);
        scan();
        JsonPath reopened = finding(id);
        assertEquals("open", reopened.getString("status"));
        assertEquals(1, reopened.getInt("reopenCount"));
        List<String> events = viewer().get("/api/findings/" + id + "/history").then().statusCode(200).extract()
                .jsonPath().getList("event");
        assertEquals(List.of("opened", "suppressed", "expired", "suppressed", "unsuppressed", "resolved", "reopened"),
                events);
    }

    @Test
    @Order(7)
    void shouldStoreScorePerScanAndPoolByEnvironmentWhenScansRan() {
        JsonPath scores = viewer().get("/api/scores").then().statusCode(200).extract().jsonPath();
        assertTrue(scores.getString("formula").startsWith("score = 100 * (1 - failing / checked)"));
        Map<String, Object> dev = scores.getMap("accounts.find { it.accountId == '" + DEV + "' }");
        assertEquals("dev", dev.get("environment"));
        float score = ((Number) dev.get("score")).floatValue();
        assertTrue(score > 0 && score < 100, "dev has open findings, score " + score);
        assertTrue(((Number) dev.get("failingWeight")).longValue() > 0);
        assertTrue(((Map<?, ?>) dev.get("open")).get("high") instanceof Number);
        Map<String, Object> env = scores.getMap("environments.find { it.environment == 'dev' }");
        assertEquals(dev.get("score"), env.get("score"), "one account: the pool equals the account");

        List<Map<String, Object>> trend = viewer().queryParam("account", DEV).get("/api/scores/history").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertTrue(trend.size() >= 5, "one score per scan of dev, found " + trend.size());
        List<Map<String, Object>> envTrend = viewer().queryParam("environment", "prod").queryParam("limit", 2)
                .get("/api/scores/history").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(2, envTrend.size());
        viewer().queryParam("limit", 0).get("/api/scores/history").then().statusCode(400)
                .body(containsString("limit"));
    }

    @Test
    @Order(8)
    void shouldJudgeControlsFromOpenFindingsWhenComplianceReportIsAsked() {
        List<String> ids = viewer().get("/api/compliance").then().statusCode(200).extract().jsonPath().getList("id");
        assertEquals(List.of("aws-foundational-security-best-practices", "cis-aws-foundations-v3.0.0",
                "cis-aws-foundations-v4.0.1"), ids);
        JsonPath cis = viewer().queryParam("account", DEV).get("/api/compliance/cis-aws-foundations-v4.0.1").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("fail", cis.getString("controls.find { it.control == '1.9' }.status"), "kenta has no MFA");
        assertEquals("pass", cis.getString("controls.find { it.control == '1.3' }.status"), "root has no key");
        assertEquals(cis.getList("controls").size(), cis.getInt("failing") + cis.getInt("passing"));
        viewer().get("/api/compliance/pci").then().statusCode(404).body(containsString("cis-aws-foundations-v4.0.1"));
    }

    @AfterAll
    static void resetClock() {
        // The clock bean outlives this class; later test classes expect real time.
        io.quarkus.arc.Arc.container().instance(AdjustableClock.class).get().reset();
    }

    private static void setKentaMfa(boolean mfa) {
        List<String> rows = TestEnvironment.iam().estate(DEV).credentialReportRows;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).startsWith("kenta,")) {
                rows.set(i, Estates.row(DEV, "kenta", true, mfa, true));
            }
        }
    }

    private static long findingId() {
        JsonPath page = viewer().queryParam("ruleId", RULE).queryParam("account", DEV).get("/api/findings").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> item = page.getMap("items.find { it.resourceArn == '" + KENTA + "' }");
        assertNotNull(item, () -> "no finding of " + RULE + " on " + KENTA + ": " + page.prettify());
        return ((Number) item.get("id")).longValue();
    }

    private static JsonPath finding(long id) {
        return viewer().get("/api/findings/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> lastHistory(long id, String event) {
        List<Map<String, Object>> history = viewer().get("/api/findings/" + id + "/history").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return history.stream().filter(h -> event.equals(h.get("event"))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no '" + event + "' in " + history));
    }
}
