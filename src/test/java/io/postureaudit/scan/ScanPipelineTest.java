package io.postureaudit.scan;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.notify.OutboxDelivery;
import io.postureaudit.support.Estates;
import io.postureaudit.support.SlackStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit path end to end: real SDK clients against the fake AWS on the wire, real PostgreSQL, the rules in
 * rules/, the finding lifecycle, and the real Slack SDK against the Slack stub. Steps build on each other.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanPipelineTest {

    private static final String DEV = TestEnvironment.DEV;
    private static final String PROD = TestEnvironment.PROD;
    private static final List<String> PLANTED_RULES = List.of("iam_policy_allows_full_admin",
            "iam_user_console_without_mfa", "principal_public_trust");
    private static int openTotal;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxDelivery delivery;

    @BeforeAll
    static void plant() throws SQLException {
        // Other test classes share this application and database; this one asserts what a first scan alerts.
        try (Connection c = io.quarkus.arc.Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            c.createStatement().executeUpdate("delete from digest_item");
            c.createStatement().executeUpdate("delete from outbox_message");
            c.createStatement().executeUpdate("delete from finding");
        }
        TestEnvironment.slack().clear();
        TestEnvironment.sts().assumeRoleCalls.clear();
        TestEnvironment.aws().clearFaults();
        FakeIam iam = TestEnvironment.iam();
        iam.pageSize(2);
        Estates.plantDev(iam, DEV);
        Estates.plantProd(iam, PROD);
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
    }

    @Test
    @Order(1)
    void shouldFindPlantedWeaknessesAndAlertOncePerFindingWhenScanningFirstTime() throws SQLException {
        int detailsCallsBefore = TestEnvironment.aws().calls("iam:GetAccountAuthorizationDetails");
        JsonPath result = scan();
        assertEquals("succeeded", result.getString("status"), () -> "gaps: " + result.getList("gaps"));
        assertEquals(List.of(DEV, PROD), result.getList("accounts.accountId"));
        // dev holds 9 entities (5 pages of 2), prod 1 (1 page): every page is read, none twice.
        assertEquals(6, TestEnvironment.aws().calls("iam:GetAccountAuthorizationDetails") - detailsCallsBefore);

        Map<String, String> assumed = TestEnvironment.sts().assumeRoleCalls.get(0);
        assertEquals(TestEnvironment.PROD_ROLE, assumed.get("roleArn"));
        assertEquals(TestEnvironment.PROD_EXTERNAL_ID, assumed.get("externalId"));
        assertTrue(assumed.get("sessionName").startsWith("posture-audit-scan-"), assumed.get("sessionName"));

        JsonPath open = viewer().queryParam("status", "open").queryParam("size", 500).get("/api/findings").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(4, openOfPlantedRules(), () -> open.prettify());
        // The rest of the catalogue finds more in the same estate (old keys, untagged roles, direct policies...).
        openTotal = open.getInt("total");
        assertTrue(openTotal > 4, () -> open.prettify());
        assertFinding("iam_policy_allows_full_admin", "arn:aws:iam::" + DEV + ":policy/ops-everything", "open");
        assertFinding("iam_user_console_without_mfa", "arn:aws:iam::" + DEV + ":user/kenta", "open");
        assertFinding("iam_user_console_without_mfa", "arn:aws:iam::" + PROD + ":user/break-glass", "open");
        assertFinding("principal_public_trust", "arn:aws:iam::" + DEV + ":role/legacy-integration", "open");
        // One root cause, one finding: the plain trust pattern does not report the role the engine analysed.
        assertEquals(List.of(), viewer().queryParam("ruleId", "iam_role_trust_allows_everyone").get("/api/findings")
                .then().statusCode(200).extract().jsonPath().getList("items"));

        int urgent = open.getList("items.findAll { it.severity == 'critical' || it.severity == 'high' }").size();
        assertTrue(urgent > 0 && urgent < openTotal, () -> open.prettify());
        List<SlackStub.Call> posts = awaitPosts(urgent);
        assertEquals(urgent, posts.size(), "one immediate alert per new high or critical finding");
        assertEquals(openTotal - urgent, count("select count(*) from digest_item where event_type = 'opened'"),
                "the other new findings wait for the daily digest");
        SlackStub.Call post = posts.stream().filter(p -> p.fields().get("text").contains("kenta")
                && p.fields().get("blocks").contains("iam_user_console_without_mfa")).findFirst()
                .orElseThrow();
        assertEquals("#sec-alerts", post.fields().get("channel"));
        assertEquals("Bearer xoxb-test-token-not-a-secret", post.authorization());
        assertTrue(post.fields().get("text").contains("dev (" + DEV + ")"), post.fields().get("text"));
        assertTrue(post.fields().get("blocks").contains("iam_user_console_without_mfa"), post.fields().get("blocks"));

        viewer().queryParam("type", "iam.user").queryParam("account", DEV).get("/api/resources").then()
                .statusCode(200).body("total", equalTo(3))
                .body("items.find { it.name == 'kenta' }.data.credentials.mfaActive", equalTo(false))
                .body("items.find { it.name == 'kenta' }.data.groups[0]", equalTo("developers"))
                .body("items.find { it.name == 'ci-deployer' }.observed.accessKeys[0].lastUsedService", equalTo("s3"));
        viewer().queryParam("type", "iam.role").queryParam("account", DEV).get("/api/resources").then()
                .statusCode(200)
                .body("items.find { it.name == 'lambda-exec' }.data.assumeRolePolicy.Statement[0].Principal.Service[0]",
                        equalTo("lambda.amazonaws.com"))
                .body("items.find { it.name == 'legacy-integration' }.observed.roleLastUsed.region",
                        equalTo("ap-northeast-1"));
        viewer().queryParam("type", "iam.account").get("/api/resources").then().statusCode(200)
                .body("items.find { it.accountId == '" + DEV + "' }.data.root.mfaActive", equalTo(true));
    }

    @Test
    @Order(2)
    void shouldWriteNoVersionsAndSendNoAlertsWhenNothingChanged() throws SQLException {
        long versionsBefore = count("select count(*) from resource_version");
        // Only the scanned accounts' resources: other tests of this run store other accounts in the same database.
        long resourcesBefore = count("select count(*) from resource where deleted_at is null and account_id in ('"
                + DEV + "', '" + TestEnvironment.PROD + "')");
        int postsBefore = TestEnvironment.slack().posts().size();

        JsonPath second = scan();
        assertEquals("succeeded", second.getString("status"));
        delivery.deliverPending();

        assertEquals(versionsBefore, count("select count(*) from resource_version"), "unchanged resources wrote versions");
        assertEquals(resourcesBefore, count("select count(*) from scan_resource where scan_id = " + second.getLong("id")),
                "the second scan should record which version of every resource it saw");
        assertEquals(postsBefore, TestEnvironment.slack().posts().size(), "no new finding, so no new alert");
        viewer().queryParam("status", "open").get("/api/findings").then().body("total", equalTo(openTotal));
    }

    @Test
    @Order(3)
    void shouldResolveFindingWhenFixedBetweenScans() throws SQLException {
        long versionsBefore = count("select count(*) from resource_version");
        int postsBefore = TestEnvironment.slack().posts().size();
        int alertsBefore = TestEnvironment.slack().alerts().size();
        TestEnvironment.iam().estate(DEV).role("legacy-integration").trustPolicy = Estates.ACCOUNT_TRUST;

        scan();
        delivery.deliverPending();

        assertFinding("principal_public_trust", "arn:aws:iam::" + DEV + ":role/legacy-integration", "resolved");
        assertFinding("iam_user_console_without_mfa", "arn:aws:iam::" + DEV + ":user/kenta", "open");
        assertEquals(versionsBefore + 1, count("select count(*) from resource_version"),
                "exactly the changed role should get a new version");
        // A resolution is not a new finding; the trust now given to another account is new drift, alerted once.
        List<SlackStub.Call> alerts = TestEnvironment.slack().alerts();
        assertEquals(alertsBefore + 1, alerts.size(), () -> "" + alerts.subList(alertsBefore, alerts.size()));
        assertTrue(alerts.get(alertsBefore).fields().toString().contains("drift_iam_role_trust_opened"),
                () -> "" + alerts.get(alertsBefore).fields());
        List<SlackStub.Call> replies = TestEnvironment.slack().posts().subList(postsBefore,
                TestEnvironment.slack().posts().size()).stream().filter(p -> p.fields().get("thread_ts") != null)
                .toList();
        assertFalse(replies.isEmpty(), "the alerted findings that resolved say so in their threads");
        assertTrue(replies.stream().allMatch(p -> p.fields().get("text").startsWith("Resolved: ")), () -> "" + replies);
    }

    @Test
    @Order(4)
    void shouldReopenAndAlertOnceWhenProblemReturns() throws SQLException {
        long versionsBefore = count("select count(*) from resource_version");
        int postsBefore = TestEnvironment.slack().posts().size();
        TestEnvironment.iam().estate(DEV).role("legacy-integration").trustPolicy = Estates.STAR_TRUST;

        scan();
        delivery.deliverPending();

        JsonPath finding = finding("principal_public_trust", "arn:aws:iam::" + DEV + ":role/legacy-integration");
        assertEquals("open", finding.getString("status"));
        assertEquals(1, finding.getInt("reopenCount"));
        assertEquals(versionsBefore, count("select count(*) from resource_version"),
                "content seen before reuses its version");
        // Every finding on the role that the trust change closed reopens once, with one alert each and no other. The
        // public trust itself is one finding (principal_public_trust owns it; the plain pattern rule stays quiet).
        List<Map<String, Object>> reopened = viewer().queryParam("status", "open").queryParam("size", 500)
                .get("/api/findings").then().extract().jsonPath().getList("items.findAll { it.resourceArn == "
                        + "'arn:aws:iam::" + DEV + ":role/legacy-integration' }");
        long reopenedCount = reopened.stream().filter(f -> viewer().get("/api/findings/" + f.get("id")).then()
                .extract().jsonPath().getInt("reopenCount") == 1).count();
        assertTrue(reopenedCount >= 1, () -> "reopened: " + reopened);
        List<SlackStub.Call> posts = TestEnvironment.slack().posts();
        assertEquals(postsBefore + reopenedCount, posts.size(), () -> "posted: " + posts.subList(postsBefore,
                posts.size()).stream().map(p -> p.fields().get("text")).toList() + ", reopened: " + reopened);
        List<SlackStub.Call> fresh = posts.subList(postsBefore, posts.size());
        // Each reopened finding already had an alert: the news goes into its thread, and the alert is updated.
        assertTrue(fresh.stream().allMatch(p -> p.fields().get("text").startsWith("Reopened ")
                && p.fields().get("thread_ts") != null), () -> "" + fresh);
        assertTrue(fresh.stream().anyMatch(p -> p.fields().get("text").startsWith("Reopened CRITICAL")), () -> "" + fresh);
        assertTrue(TestEnvironment.slack().calls("chat.update").stream().anyMatch(u -> u.fields().get("blocks")
                .contains("principal_public_trust") && u.fields().get("blocks").contains(":red_circle: open")),
                "the alert shows the finding open again");
        List<String> events = viewer().get("/api/findings/" + finding.getLong("id") + "/history").then().statusCode(200)
                .extract().jsonPath().getList("event");
        assertEquals(List.of("opened", "resolved", "reopened"), events);
    }

    @Test
    @Order(5)
    void shouldRecordGapNotCrashWhenPolicyDocumentIsMalformed() {
        FakeIam.Role broken = new FakeIam.Role("broken-trust", null);
        broken.rawTrustPolicy = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect";
        FakeIam.Estate dev = TestEnvironment.iam().estate(DEV);
        synchronized (dev) {
            dev.roles.add(broken);
        }
        try {
            JsonPath result = scan();
            assertEquals("partial", result.getString("status"));
            List<Map<String, Object>> gaps = result.getList("gaps");
            assertEquals(1, gaps.size(), () -> "gaps: " + gaps);
            Map<String, Object> gap = gaps.get(0);
            assertEquals(DEV, gap.get("accountId"));
            assertEquals("iam", gap.get("service"));
            assertEquals("GetAccountAuthorizationDetails", gap.get("operation"));
            assertEquals("arn:aws:iam::" + DEV + ":role/broken-trust", gap.get("resourceArn"));
            assertTrue(gap.get("error").toString().contains("assumeRolePolicy"), gap.get("error").toString());
            assertEquals(4, openOfPlantedRules(), "a gap must not change what was found");
            viewer().queryParam("type", "iam.role").queryParam("account", DEV).get("/api/resources").then()
                    .body("items.find { it.name == 'broken-trust' }.data.policyErrors[0].field",
                            equalTo("assumeRolePolicy"));
        } finally {
            synchronized (dev) {
                dev.roles.remove(broken);
            }
        }
    }

    @Test
    @Order(6)
    void shouldKeepFindingsOpenWhenServiceCouldNotBeRead() {
        // The user gets MFA, but the scan cannot read IAM: the finding must not look fixed.
        TestEnvironment.iam().estate(PROD).credentialReportRows.set(0, Estates.row(PROD, "break-glass", true, true, false));
        TestEnvironment.aws().denyAlways("iam:GetAccountAuthorizationDetails");
        try {
            JsonPath result = scan();
            assertEquals("partial", result.getString("status"));
            List<Map<String, Object>> gaps = result.getList("gaps");
            assertTrue(gaps.stream().anyMatch(g -> PROD.equals(g.get("accountId"))
                    && "GetAccountAuthorizationDetails".equals(g.get("operation"))
                    && g.get("error").toString().startsWith("AccessDenied (403)")), () -> "gaps: " + gaps);
            assertTrue(result.getList("coverage").stream().map(c -> (Map<?, ?>) c)
                    .anyMatch(c -> PROD.equals(c.get("accountId")) && Boolean.FALSE.equals(c.get("complete"))));
            assertFinding("iam_user_console_without_mfa", "arn:aws:iam::" + PROD + ":user/break-glass", "open");
            assertFinding("iam_user_console_without_mfa", "arn:aws:iam::" + DEV + ":user/kenta", "open");
        } finally {
            TestEnvironment.aws().clearFaults();
        }
        scan();
        assertFinding("iam_user_console_without_mfa", "arn:aws:iam::" + PROD + ":user/break-glass", "resolved");
    }

    @Test
    @Order(7)
    void shouldFailAccountClearlyWhenRoleCannotBeAssumed() {
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, "a-different-external-id");
        try {
            JsonPath result = scan();
            assertEquals("partial", result.getString("status"));
            assertEquals("failed", result.getString("accounts.find { it.accountId == '" + PROD + "' }.status"));
            assertEquals("succeeded", result.getString("accounts.find { it.accountId == '" + DEV + "' }.status"));
            Map<String, Object> gap = result.getMap("gaps.find { it.accountId == '" + PROD + "' }");
            assertEquals("sts", gap.get("service"));
            assertEquals("AssumeRole", gap.get("operation"));
            assertTrue(gap.get("error").toString().contains("AccessDenied"), gap.get("error").toString());
        } finally {
            TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
        }
    }

    @Test
    @Order(8)
    void shouldScorePrincipalsAndSimulateFromSnapshotWhenScanned() {
        scan();
        JsonPath principals = viewer().queryParam("account", DEV).get("/api/principals").then().statusCode(200)
                .extract().jsonPath();
        String kenta = "arn:aws:iam::" + DEV + ":user/kenta";
        List<String> kentaRisks = principals.getList("find { it.arn == '" + kenta + "' }.risks.category");
        assertTrue(kentaRisks.contains("admin"), () -> "kenta holds *:* through group developers: " + kentaRisks);
        assertEquals("ops-everything", principals.getString("find { it.arn == '" + kenta
                + "' }.risks.find { it.category == 'admin' }.evidence[0].policy").replace("group:developers/", ""));
        int kentaScore = principals.getInt("find { it.arn == '" + kenta + "' }.leastPrivilegeScore");
        int yuiScore = principals.getInt("find { it.arn == 'arn:aws:iam::" + DEV + ":user/yui' }.leastPrivilegeScore");
        assertTrue(kentaScore < yuiScore, "an admin must score below a reader: " + kentaScore + " vs " + yuiScore);
        List<String> legacy = principals.getList("find { it.arn == 'arn:aws:iam::" + DEV
                + ":role/legacy-integration' }.risks.category");
        assertTrue(legacy.contains("public-trust"), () -> "legacy-integration trusts *: " + legacy);
        viewer().queryParam("account", "12345").get("/api/principals").then().statusCode(400);

        viewer().contentType("application/json").body(Map.of("principal", kenta, "action", "iam:CreateUser",
                "resource", "arn:aws:iam::" + DEV + ":user/new")).post("/api/simulate").then().statusCode(200)
                .body("decision", equalTo("allowed"))
                .body("matchedStatements[0].sid", equalTo("Everything"));
        viewer().contentType("application/json").body(Map.of("principal", "arn:aws:iam::" + DEV + ":user/yui",
                "action", "s3:DeleteObject", "resource", "arn:aws:s3:::reports/a.csv")).post("/api/simulate").then()
                .statusCode(200).body("decision", equalTo("implicitDeny"));
        viewer().contentType("application/json").body("""
                {"principal": "arn:aws:iam::111111111111:user/x", "action": "s3:GetObject",
                 "resource": "arn:aws:s3:::reports/a.csv",
                 "identityPolicies": [{"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                    {"Sid": "NoReports", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}]}
                """).post("/api/simulate").then().statusCode(200).body("decision", equalTo("explicitDeny"))
                .body("matchedStatements.find { it.effect == 'Deny' }.sid", equalTo("NoReports"));
        viewer().contentType("application/json").body(Map.of("principal", "arn:aws:iam::" + DEV + ":user/nobody",
                "action", "s3:GetObject", "resource", "*")).post("/api/simulate").then().statusCode(404);
        viewer().contentType("application/json").body("""
                {"principal": "arn:aws:iam::111111111111:user/x", "action": "s3:GetObject", "resource": "*",
                 "identityPolicies": [{"Statement": [{"Effect": "Permit", "Action": "s3:*", "Resource": "*"}]}]}
                """).post("/api/simulate").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("Effect"));
    }

    /** Open findings of the three rules whose weaknesses the estates plant on purpose. */
    private static int openOfPlantedRules() {
        List<String> rules = viewer().queryParam("status", "open").queryParam("size", 500).get("/api/findings").then()
                .statusCode(200).extract().jsonPath().getList("items.ruleId");
        return (int) rules.stream().filter(PLANTED_RULES::contains).count();
    }

    private static void assertFinding(String ruleId, String arn, String status) {
        assertEquals(status, finding(ruleId, arn).getString("status"), ruleId + " on " + arn);
    }

    private static JsonPath finding(String ruleId, String arn) {
        JsonPath page = viewer().queryParam("ruleId", ruleId).queryParam("size", 500).get("/api/findings").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> item = page.getMap("items.find { it.resourceArn == '" + arn + "' }");
        if (item == null) {
            throw new AssertionError("no finding of " + ruleId + " on " + arn + " in " + page.prettify());
        }
        return viewer().get("/api/findings/" + item.get("id")).then().statusCode(200).extract().jsonPath();
    }

    private static List<SlackStub.Call> awaitPosts(int expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (TestEnvironment.slack().posts().size() < expected && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return TestEnvironment.slack().posts();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
