package io.postureaudit.scan;

import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.fakeaws.FakeWafv2;
import io.postureaudit.ops.PrometheusText;
import io.postureaudit.support.CollectTestProfile;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every collector in a real scan: two accounts (dev by default credentials in Tokyo; prod by assumed role in Tokyo
 * and us-east-1), each service answered by its wire-level fake, resources stored and served by the API, and a
 * denied call turning into a gap while the rest of the scan completes, and a throttling storm absorbed by the SDK's
 * adaptive retry.
 */
@QuarkusTest
@TestProfile(CollectTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiAccountCollectionTest {

    static final String DEV = TestEnvironment.DEV;
    static final String PROD = TestEnvironment.PROD;
    static final String TOKYO = "ap-northeast-1";
    static final String VIRGINIA = "us-east-1";

    @BeforeAll
    static void plant() {
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
        FakeKms kms = TestEnvironment.fake("kms");
        kms.customerKey(DEV, TOKYO, "dev-key-0000-4000-8000-000000000001");
        kms.customerKey(PROD, VIRGINIA, "prod-key-0000-4000-8000-000000000002").rotationEnabled = true;
        FakeGuardDuty gd = TestEnvironment.fake("guardduty");
        gd.detector(PROD, TOKYO, "prod-detector", "ENABLED").finding("f-1", "Recon:EC2/PortProbeUnprotectedPort", 2.0,
                false, TOKYO, PROD);
        FakeWafv2 waf = TestEnvironment.fake("wafv2");
        waf.webAcl(DEV, TOKYO, "REGIONAL", "dev-api");
        waf.webAcl(PROD, VIRGINIA, "CLOUDFRONT", "prod-cdn");
        FakeIdentityStore store = TestEnvironment.fake("identitystore");
        store.user("d-prod", "u-1", "aiko@example.com", "Aiko", "Tanaka");
        FakeSsoAdmin sso = TestEnvironment.fake("sso");
        sso.instance(PROD, TOKYO, "ssoins-prod", "d-prod").permissionSet("AdministratorAccess", "PT12H")
                .managed("AdministratorAccess").assign(DEV, "USER", "u-1");
    }

    /** This test's accounts only: other tests of the same profile (imports) share the database. */
    static List<Map<String, Object>> resources(String type) {
        List<Map<String, Object>> items = viewer().queryParam("type", type).queryParam("size", 100)
                .get("/api/resources").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> Set.of(DEV, PROD).contains(i.get("accountId"))).toList();
    }

    static Set<String> where(List<Map<String, Object>> items) {
        return items.stream().map(i -> i.get("accountId") + "@" + i.get("region")).collect(Collectors.toSet());
    }

    @Test
    @Order(1)
    void shouldCollectEveryServiceInEveryAccountAndRegion() {
        JsonPath result = scan();
        assertEquals("succeeded", result.getString("status"), () -> "gaps: " + result.getList("gaps"));
        assertEquals(Set.of(DEV + "@" + TOKYO, PROD + "@" + VIRGINIA), where(resources("kms.key")));
        List<Map<String, Object>> detectors = resources("guardduty.detector");
        assertEquals(Set.of(DEV + "@" + TOKYO, PROD + "@" + TOKYO, PROD + "@" + VIRGINIA), where(detectors),
                "one detector resource per scanned region, real or absent");
        assertEquals(2, detectors.stream().filter(d -> Boolean.FALSE.equals(((Map<?, ?>) d.get("data"))
                .get("enabled"))).count());
        assertEquals(Set.of(PROD + "@" + TOKYO), where(resources("guardduty.finding")));
        List<Map<String, Object>> acls = resources("waf.web-acl");
        assertEquals(Set.of(DEV + "@" + TOKYO, PROD + "@" + VIRGINIA), where(acls));
        List<Map<String, Object>> assignments = resources("identitycenter.assignment");
        assertEquals(1, assignments.size());
        Map<?, ?> assignment = (Map<?, ?>) assignments.get(0).get("data");
        assertEquals("aiko@example.com", assignment.get("principalName"));
        assertEquals(DEV, assignment.get("accountId"));
    }

    @Test
    @Order(2)
    void shouldReportDeniedCallAsGapAndFinishTheRest() {
        FakeAws aws = TestEnvironment.aws();
        aws.denyAlways("kms:ListKeys");
        try {
            JsonPath result = scan();
            assertEquals("partial", result.getString("status"));
            List<Map<String, Object>> gaps = result.getList("gaps");
            Set<String> kmsGaps = gaps.stream().filter(g -> "kms".equals(g.get("service")))
                    .map(g -> g.get("accountId") + "@" + g.get("region") + ":" + g.get("operation"))
                    .collect(Collectors.toSet());
            assertEquals(Set.of(DEV + "@" + TOKYO + ":ListKeys", PROD + "@" + TOKYO + ":ListKeys",
                    PROD + "@" + VIRGINIA + ":ListKeys"), kmsGaps);
            assertTrue(gaps.stream().allMatch(g -> "kms".equals(g.get("service"))), gaps.toString());
            assertEquals(2, resources("waf.web-acl").size(), "other services still read");
            assertEquals(2, resources("kms.key").size(), "keys read before are not dropped by a blind scan");
        } finally {
            aws.clearFaults();
        }
    }

    @Test
    @Order(3)
    void shouldNeedOnlyTheDocumentedAuditPolicyWhenScanning() throws java.io.IOException {
        scan();
        com.fasterxml.jackson.databind.JsonNode policy = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of("docs/audit-role-policy.json").toFile());
        Set<String> called = TestEnvironment.aws().callsByOperation().keySet();
        assertTrue(called.size() > 30, "expected the scans to exercise every collector: " + called);
        for (String call : called) {
            String[] parts = call.split(":", 2);
            if (parts[0].equals("sts")) {
                continue; // GetCallerIdentity needs no permission; AssumeRole is granted by the role's trust policy
            }
            // SSO admin signs as "sso", which is also its IAM action prefix.
            String action = parts[0] + ":" + parts[1];
            var answer = io.postureaudit.policy.eval.Simulator.simulate(new io.postureaudit.policy.eval.SimulationInput(
                    "arn:aws:iam::" + DEV + ":role/PostureAudit", action, "*", DEV, Map.of(), List.of(policy), null,
                    null, null));
            assertEquals("allowed", answer.decision(), "docs/audit-role-policy.json must allow " + action
                    + ", which a scan calls");
        }
    }

    @Test
    @Order(4)
    void shouldCollectEveryResourceWhenAThirdOfAllCallsAreThrottled() {
        JsonPath calm = scan();
        assertEquals("succeeded", calm.getString("status"), () -> "gaps: " + calm.getList("gaps"));
        FakeAws aws = TestEnvironment.aws();
        int callsBefore = aws.totalCalls();
        int throttledBefore = throttled(aws);
        List<PrometheusText.Sample> metricsBefore = scrape();
        aws.throttleRate("*", 0.3);
        JsonPath storm;
        try {
            storm = scan();
        } finally {
            aws.clearFaults();
        }
        int throttled = throttled(aws) - throttledBefore;
        int calls = aws.totalCalls() - callsBefore;
        assertEquals("succeeded", storm.getString("status"), () -> "gaps: " + storm.getList("gaps"));
        assertEquals(List.of(), storm.getList("gaps"));
        assertEquals(resourcesPerAccount(calm), resourcesPerAccount(storm), "every resource read despite the storm");
        // Seeded but thread-ordered: about 30 % of the storm's requests were throttled, every one retried.
        assertTrue(throttled > calls / 6 && throttled < calls / 2, throttled + " of " + calls + " requests throttled");
        List<PrometheusText.Sample> metricsAfter = scrape();
        double retries = PrometheusText.sum(metricsAfter, "posture_aws_retries_total", Map.of())
                - PrometheusText.sum(metricsBefore, "posture_aws_retries_total", Map.of());
        double throttles = PrometheusText.sum(metricsAfter, "posture_aws_throttles_total", Map.of())
                - PrometheusText.sum(metricsBefore, "posture_aws_throttles_total", Map.of());
        assertEquals(throttled, throttles, 0.0, "each throttled attempt is counted once");
        assertTrue(retries >= throttled, "the SDK retried every throttled attempt: " + retries + " retries");
    }

    private static int throttled(FakeAws aws) {
        return aws.faultsServed().values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<String, Object> resourcesPerAccount(JsonPath scan) {
        return scan.getList("accounts", Map.class).stream().collect(Collectors.toMap(
                a -> (String) a.get("accountId"), a -> a.get("resources")));
    }

    private static List<PrometheusText.Sample> scrape() {
        return PrometheusText.parse(viewer().get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
