package io.postureaudit.ops;

import static io.postureaudit.support.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.Api;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's own metrics as Prometheus scrapes them (signed in as a viewer), after a real scan against the fake
 * AWS with a few throttled calls, and the health checks an orchestrator probes.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class OperationsMetricsTest {

    private static final String DEV = TestEnvironment.DEV;
    private static List<PrometheusText.Sample> samples;
    private static JsonPath scan;

    /** Once per class, from the first test (REST Assured knows the test port only inside a test). */
    private static synchronized void scanWithThrottling() {
        if (samples != null) {
            return;
        }
        TestEnvironment.aws().clearFaults();
        Estates.plantDev(TestEnvironment.iam(), DEV);
        Estates.plantProd(TestEnvironment.iam(), TestEnvironment.PROD);
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
        // Two throttled answers: the SDK's adaptive retry absorbs them, and the metrics must show them.
        TestEnvironment.aws().throttle("kms:ListKeys", 2);
        try {
            scan = Api.scan();
        } finally {
            TestEnvironment.aws().clearFaults();
        }
        samples = awaitScrape(DEV);
    }

    /** Scrapes until the gauges (refreshed in the background) show the scan's account. */
    private static List<PrometheusText.Sample> awaitScrape(String account) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<PrometheusText.Sample> last = List.of();
        while (Instant.now().isBefore(deadline)) {
            last = PrometheusText.parse(viewer().get("/q/metrics").then().statusCode(200).extract().asString());
            if (PrometheusText.has(last, "posture_scan_last_complete_age_seconds", Map.of("account", account))) {
                return last;
            }
            sleep(500);
        }
        throw new AssertionError("no posture_scan_last_complete_age_seconds for " + account + " within 60 s");
    }

    @BeforeEach
    void scanOnce() {
        scanWithThrottling();
    }

    @Test
    void shouldRefuseMetricsWithoutSignIn() {
        given().get("/q/metrics").then().statusCode(401);
    }

    @Test
    void shouldCountAwsCallsThrottlesAndRetriesPerServiceAndOperation() {
        assertEquals("succeeded", scan.getString("status"), () -> "gaps: " + scan.getList("gaps"));
        assertTrue(PrometheusText.sum(samples, "posture_aws_calls_seconds_count", Map.of("service", "iam",
                "operation", "GetAccountAuthorizationDetails", "outcome", "ok")) >= 2, "one call per account at least");
        assertTrue(PrometheusText.sum(samples, "posture_aws_throttles_total", Map.of("service", "kms",
                "operation", "ListKeys")) >= 2, "both throttled attempts are counted");
        assertTrue(PrometheusText.sum(samples, "posture_aws_retries_total", Map.of("service", "kms",
                "operation", "ListKeys")) >= 2, "and both were retried");
        assertEquals(0, PrometheusText.sum(samples, "posture_aws_calls_seconds_count", Map.of("service", "kms",
                "operation", "ListKeys", "outcome", "throttled")), "no call ended throttled");
    }

    @Test
    void shouldTimeAccountsServicesAndRules() {
        assertTrue(PrometheusText.sum(samples, "posture_scan_account_duration_seconds_count",
                Map.of("account", DEV)) >= 1);
        assertTrue(PrometheusText.sum(samples, "posture_scan_service_duration_seconds_count",
                Map.of("account", DEV, "service", "iam", "region", "global")) >= 1);
        assertTrue(PrometheusText.sum(samples, "posture_scan_service_duration_seconds_count",
                Map.of("account", DEV, "service", "kms", "region", "ap-northeast-1")) >= 1);
        assertTrue(PrometheusText.sum(samples, "posture_rules_evaluation_duration_seconds_count",
                Map.of("account", DEV)) >= 1);
        assertTrue(PrometheusText.sum(samples, "posture_scans_total", Map.of("status", "succeeded")) >= 1);
        double age = PrometheusText.sum(samples, "posture_scan_last_complete_age_seconds", Map.of("account", DEV));
        assertTrue(age >= 0 && age < 3600, "last complete scan of dev was just now, found " + age + " s");
    }

    @Test
    void shouldShowTheStoredInventoryAndFindingsAsTheApiCountsThem() {
        int users = viewer().queryParam("type", "iam.user").queryParam("account", DEV).get("/api/resources").then()
                .statusCode(200).extract().jsonPath().getInt("total");
        assertEquals(users, PrometheusText.sum(samples, "posture_resources", Map.of("type", "iam.user",
                "account", DEV)), 0.0);
        for (String severity : List.of("critical", "high", "medium", "low", "info")) {
            int open = viewer().queryParam("status", "open").queryParam("severity", severity)
                    .queryParam("account", DEV).get("/api/findings").then().statusCode(200).extract().jsonPath()
                    .getInt("total");
            assertEquals(open, PrometheusText.sum(samples, "posture_findings", Map.of("severity", severity,
                    "status", "open", "account", DEV)), 0.0, severity);
        }
        assertTrue(PrometheusText.has(samples, "posture_outbox_pending", Map.of()));
        assertTrue(PrometheusText.has(samples, "posture_outbox_oldest_pending_age_seconds", Map.of()));
        assertTrue(PrometheusText.has(samples, "posture_outbox_dead_letters", Map.of()));
    }

    @Test
    void shouldDocumentEveryPostureMetricInOperationsGuide() throws IOException {
        String guide = Files.readString(Path.of("docs/operations.md"));
        Set<String> scraped = samples.stream().map(PrometheusText.Sample::name).filter(n -> n.startsWith("posture_"))
                .map(OperationsMetricsTest::family).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>();
        for (String name : scraped) {
            if (!guide.contains("`" + name + "`")) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "metrics missing from docs/operations.md: " + missing);
    }

    /** A timer's _count/_sum/_max samples belong to one documented family. */
    private static String family(String sample) {
        return sample.replaceAll("_(count|sum|max)$", "");
    }

    @Test
    void shouldBeReadyWithTheDatabaseAndReportTheLastCompleteScanAge() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", ready.getString("status"));
        Map<String, Object> data = ready.getMap("checks.find { it.name == 'posture-database' }.data");
        assertEquals("ok", data.get("database"));
        assertTrue(data.containsKey("lastCompleteScanAgeSeconds." + DEV), () -> "data: " + data);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
