package io.postureaudit.scan;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeWafv2;
import io.postureaudit.support.DatabaseOutage;
import io.postureaudit.support.Estates;
import io.postureaudit.support.FaultTestProfile;
import io.postureaudit.support.LogCapture;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a scan makes of faults on its way, against the wire-level fake AWS and a real PostgreSQL taken away mid-scan:
 * a hung endpoint is bounded by the SDK's timeouts and becomes a gap, a service that keeps failing is a gap and never
 * looks clean, dropped connections are retried, and a database outage costs a pause, not the scan.
 */
@QuarkusTest
@TestProfile(FaultTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanFaultsTest {

    static final String DEV = TestEnvironment.DEV;
    static final String PROD = TestEnvironment.PROD;
    static final String TOKYO = "ap-northeast-1";
    static final String VIRGINIA = "us-east-1";
    private static JsonPath calm;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void plant() {
        TestEnvironment.aws().clearFaults();
        Estates.plantDev(TestEnvironment.iam(), DEV);
        Estates.plantProd(TestEnvironment.iam(), PROD);
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
        FakeKms kms = TestEnvironment.fake("kms");
        kms.customerKey(DEV, TOKYO, "dev-key-0000-4000-8000-000000000011");
        kms.customerKey(PROD, VIRGINIA, "prod-key-0000-4000-8000-000000000012");
        FakeGuardDuty gd = TestEnvironment.fake("guardduty");
        gd.detector(PROD, TOKYO, "prod-detector", "ENABLED");
        FakeWafv2 waf = TestEnvironment.fake("wafv2");
        waf.webAcl(DEV, TOKYO, "REGIONAL", "dev-api");
        waf.webAcl(PROD, VIRGINIA, "CLOUDFRONT", "prod-cdn");
    }

    @AfterEach
    void clearFaults() {
        TestEnvironment.aws().clearFaults();
    }

    /** A scan without faults, to compare the faulty ones with. */
    private static JsonPath calm() {
        if (calm == null) {
            calm = scan();
            assertEquals("succeeded", calm.getString("status"), () -> "gaps: " + calm.getList("gaps"));
        }
        return calm;
    }

    @Test
    @Order(1)
    void shouldBoundAHungEndpointByTheSdkTimeoutsAndFinishTheRestWhenScanning() {
        JsonPath before = calm();
        FakeAws aws = TestEnvironment.aws();
        aws.hangAlways("wafv2:ListWebACLs");
        JsonPath hung = scan();
        assertEquals("partial", hung.getString("status"));
        List<Map<String, Object>> gaps = hung.getList("gaps");
        assertFalse(gaps.isEmpty());
        for (Map<String, Object> gap : gaps) {
            assertEquals("waf:ListWebACLs", gap.get("service") + ":" + gap.get("operation"), gaps::toString);
            assertTrue(String.valueOf(gap.get("error")).contains("did not complete before"),
                    "the gap should say the call timed out: " + gap.get("error"));
        }
        // dev also reads its CloudFront web ACLs in us-east-1; prod reads both scopes there.
        assertEquals(Set.of(DEV + "@" + TOKYO, DEV + "@" + VIRGINIA, PROD + "@" + TOKYO, PROD + "@" + VIRGINIA),
                gaps.stream().map(g -> g.get("accountId") + "@" + g.get("region")).collect(Collectors.toSet()));
        // The attempt timeout ended each try and the SDK tried again, until the call timeout ended the call.
        assertTrue(aws.faultsServed("wafv2:ListWebACLs") >= 2 * gaps.size(), aws.faultsServed().toString());
        assertEquals(incompleteServices(before), Set.of());
        assertEquals(Set.of("waf"), incompleteServices(hung), "every other service was read completely");
        assertEquals(2, resources("waf.web-acl").size(), "web ACLs read before stay: a blind read deletes nothing");
        assertEquals(2, resources("kms.key").size());
    }

    @Test
    @Order(2)
    void shouldRecordAGapAndKeepFindingsOpenWhenAServiceKeepsFailingAndRetryDroppedConnections() {
        calm();
        FakeAws aws = TestEnvironment.aws();
        List<Map<String, Object>> absentBefore = openFindings("guardduty_not_enabled");
        assertEquals(2, absentBefore.size(), "dev Tokyo and prod us-east-1 have no detector: " + absentBefore);
        aws.failServer("guardduty:ListDetectors", Integer.MAX_VALUE);
        aws.drop("kms:ListKeys", 2);
        int listKeysBefore = aws.calls("kms:ListKeys");
        JsonPath failing = scan();
        assertEquals("partial", failing.getString("status"));
        List<Map<String, Object>> gaps = failing.getList("gaps");
        assertEquals(Set.of(DEV + "@" + TOKYO, PROD + "@" + TOKYO, PROD + "@" + VIRGINIA), gaps.stream()
                .filter(g -> "ListDetectors".equals(g.get("operation")))
                .map(g -> g.get("accountId") + "@" + g.get("region")).collect(Collectors.toSet()));
        assertTrue(gaps.stream().allMatch(g -> "guardduty".equals(g.get("service"))
                && String.valueOf(g.get("error")).startsWith("InternalServerErrorException (500)")), gaps::toString);
        assertEquals(3 + 2, aws.calls("kms:ListKeys") - listKeysBefore, "3 regions, and the 2 dropped calls again");
        // Nothing GuardDuty said before is forgotten or turned into "no detector": the findings stay as they were.
        assertEquals(absentBefore.stream().map(f -> f.get("id")).collect(Collectors.toSet()),
                openFindings("guardduty_not_enabled").stream().map(f -> f.get("id")).collect(Collectors.toSet()));
        List<Map<String, Object>> detectors = resources("guardduty.detector");
        assertEquals(3, detectors.size());
        assertTrue(detectors.stream().anyMatch(d -> PROD.equals(d.get("accountId")) && TOKYO.equals(d.get("region"))
                && Boolean.TRUE.equals(((Map<?, ?>) d.get("data")).get("enabled"))), detectors::toString);
        assertEquals(2, resources("kms.key").size(), "dropped connections were retried, so the keys were read");
        assertFalse(incompleteServices(failing).contains("kms"));
    }

    @Test
    @Order(3)
    void shouldFinishTheScanAndRecoverByItselfWhenPostgresGoesAwayMidScan() throws Exception {
        JsonPath before = calm();
        long versionsBefore = count("select count(*) from resource_version");
        FakeAws aws = TestEnvironment.aws();
        // One account's first IAM read is held for 3 s: the database goes away while that account is being read.
        int heldBefore = aws.faultsServed("iam:GetAccountAuthorizationDetails");
        aws.inject("iam:GetAccountAuthorizationDetails", new FakeAws.Fault(0, null, null, 3000, 1));
        long id;
        try (LogCapture storeRetries = LogCapture.of(StoreRetry.class)) {
            id = admin().post("/api/scans").then().statusCode(202).extract().jsonPath().getLong("id");
            await("the held IAM read", () -> aws.faultsServed("iam:GetAccountAuthorizationDetails") > heldBefore);
            try (DatabaseOutage outage = DatabaseOutage.begin()) {
                await("readiness to report the database", () -> readiness().statusCode() == 503);
                JsonPath down = readiness().jsonPath();
                assertEquals("unreachable", down.getString("checks.find { it.name == 'posture-database' }.data.database"),
                        down::prettify);
                await("a store step to meet the outage", () -> storeRetries.contains("failed (attempt"));
            }
            JsonPath result = awaitScan(id);
            assertEquals("succeeded", result.getString("status"), () -> result.prettify() + storeRetries.lines());
            assertTrue(storeRetries.lines().stream().anyMatch(l -> l.contains("of scan " + id)), storeRetries.lines()
                    ::toString);
            assertEquals(List.of(), result.getList("gaps"));
            assertEquals(resourcesPerAccount(before), resourcesPerAccount(result), "every account stored whole");
        }
        await("readiness to recover", () -> readiness().statusCode() == 200);
        assertEquals("ok", readiness().jsonPath().getString("checks.find { it.name == 'posture-database' }.data.database"));
        assertEquals(versionsBefore, count("select count(*) from resource_version"),
                "the estate did not change: a retried store step wrote nothing twice");
        long stored = resourcesPerAccount(before).values().stream().mapToLong(n -> ((Number) n).longValue()).sum();
        assertEquals(stored, count("select count(*) from scan_resource where scan_id = " + id),
                "the scan's inventory holds every resource once");
        JsonPath next = scan();
        assertEquals("succeeded", next.getString("status"), () -> "gaps: " + next.getList("gaps"));
        assertEquals(resourcesPerAccount(before), resourcesPerAccount(next));
    }

    private static Response readiness() {
        return given().get("/q/health/ready");
    }

    /** Waits for a scan through a database outage: the API answers 503 while PostgreSQL is away. */
    private static JsonPath awaitScan(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Response response = viewer().get("/api/scans/" + id);
            if (response.statusCode() == 200 && !"running".equals(response.jsonPath().getString("status"))) {
                return response.jsonPath();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("scan " + id + " still running after 120 s");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(100);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> incompleteServices(JsonPath scan) {
        List<Map<String, Object>> coverage = scan.getList("coverage");
        return coverage.stream().filter(c -> !Boolean.TRUE.equals(c.get("complete"))).map(c -> (String) c.get("service"))
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> resourcesPerAccount(JsonPath scan) {
        return scan.getList("accounts", Map.class).stream().collect(Collectors.toMap(
                a -> (String) a.get("accountId"), a -> a.get("resources")));
    }

    private static List<Map<String, Object>> resources(String type) {
        return viewer().queryParam("type", type).queryParam("size", 100).get("/api/resources").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static List<Map<String, Object>> openFindings(String ruleId) {
        return viewer().queryParam("ruleId", ruleId).queryParam("status", "open").queryParam("size", 100)
                .get("/api/findings").then().statusCode(200).extract().jsonPath().getList("items");
    }
}
