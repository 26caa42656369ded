package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Rule settings end to end: a global severity override and a per-account switch-off take effect in a scan, a rule
 * from {@code posture.rules.paths} loads beside the built-in ones, and editing its severity then reloading
 * re-grades its open findings with {@code regraded} in the history.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(RuleSettingsApiTest.Settings.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleSettingsApiTest {

    private static final String DEV = TestEnvironment.DEV;
    private static final String PROD = TestEnvironment.PROD;
    static final Path EXTRA_RULES = extraRules();

    /** Overrides for this class only (Quarkus restarts the application for a profile). */
    public static class Settings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "posture.rules.paths", EXTRA_RULES.toString(),
                    "posture.rules.overrides.\"iam_user_console_without_mfa\".severity", "low",
                    "posture.rules.accounts.\"" + PROD + "\".\"iam_user_console_without_mfa\".enabled", "false");
        }
    }

    private static Path extraRules() {
        try {
            Path root = Files.createTempDirectory("posture-extra-rules");
            writeRule(root, "high");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeRule(Path root, String severity) throws IOException {
        Path folder = Files.createDirectories(root.resolve("local").resolve("local_console_password_user"));
        Files.writeString(folder.resolve("rule.yaml"), """
                id: local_console_password_user
                title: Console password on an IAM user (site policy)
                severity: %s
                resource: iam.user
                condition: has(resource.data.credentials) && resource.data.credentials.passwordEnabled == true
                message: "IAM user {{resource.name}} has a console password; this site uses Identity Center only."
                """.formatted(severity));
    }

    @BeforeAll
    static void plant() {
        Estates.plantDev(TestEnvironment.iam(), DEV);
        Estates.plantProd(TestEnvironment.iam(), PROD);
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
    }

    @Test
    @Order(1)
    void shouldApplyGlobalSeverityAndPerAccountSwitchWhenScanning() {
        assertEquals("succeeded", scan().getString("status"));
        Map<String, Object> kenta = finding("iam_user_console_without_mfa", "arn:aws:iam::" + DEV + ":user/kenta");
        assertNotNull(kenta);
        assertEquals("low", kenta.get("severity"), "global override high -> low");
        assertNull(finding("iam_user_console_without_mfa", "arn:aws:iam::" + PROD + ":user/break-glass"),
                "the rule is off for prod");
        assertNotNull(finding("local_console_password_user", "arn:aws:iam::" + PROD + ":user/break-glass"),
                "other rules still run for prod");
        viewer().get("/api/rules/settings").then().statusCode(200)
                .body("global.iam_user_console_without_mfa.severity", org.hamcrest.Matchers.equalTo("low"))
                .body("accounts.'" + PROD + "'.iam_user_console_without_mfa.enabled", org.hamcrest.Matchers.equalTo(false));
        List<String> ids = viewer().get("/api/rules").then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(ids.contains("local_console_password_user") && ids.contains("kms_key_rotation_disabled"), "" + ids);
    }

    @Test
    @Order(2)
    void shouldRegradeOpenFindingsWhenRuleSeverityChangesAndCatalogueReloads() throws IOException {
        Map<String, Object> before = finding("local_console_password_user", "arn:aws:iam::" + DEV + ":user/kenta");
        assertEquals("high", before.get("severity"));
        writeRule(EXTRA_RULES, "medium");
        viewer().post("/api/rules/reload").then().statusCode(403);
        Map<String, Object> reload = admin().post("/api/rules/reload").then().statusCode(200).extract().jsonPath()
                .getMap("$");
        assertTrue(((Number) reload.get("regraded")).intValue() >= 2, "kenta, yui and break-glass have passwords: "
                + reload);
        Map<String, Object> after = finding("local_console_password_user", "arn:aws:iam::" + DEV + ":user/kenta");
        assertEquals("medium", after.get("severity"));
        List<Map<String, Object>> history = viewer().get("/api/findings/" + after.get("id") + "/history").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> regraded = history.get(history.size() - 1);
        assertEquals("regraded", regraded.get("event"));
        assertEquals("open", regraded.get("toStatus"));
        assertEquals("severity high -> medium (rule settings)", regraded.get("reason"));

        scan();
        assertEquals("medium", finding("local_console_password_user", "arn:aws:iam::" + DEV + ":user/kenta")
                .get("severity"), "the next scan keeps the new grade");
    }

    @Test
    @Order(3)
    void shouldKeepCatalogueAndNameFileWhenReloadedRuleIsBroken() throws IOException {
        Path file = EXTRA_RULES.resolve("local").resolve("local_console_password_user").resolve("rule.yaml");
        String good = Files.readString(file);
        Files.writeString(file, good.replace("severity: medium", "severity: urgent"));
        try {
            String body = admin().post("/api/rules/reload").then().statusCode(400).extract().asString();
            assertTrue(body.contains("local_console_password_user/rule.yaml:3") && body.contains("urgent"), body);
            assertTrue(viewer().get("/api/rules").then().extract().jsonPath().getList("id")
                    .contains("local_console_password_user"), "the working catalogue stays");
        } finally {
            Files.writeString(file, good);
        }
    }

    @Test
    @Order(4)
    void shouldShowCatalogueWithSeverityInForceAndSettingsOnRulesPage() {
        String page = viewer().get("/rules").then().statusCode(200).contentType("text/html").extract().asString();
        assertTrue(page.contains("<code>" + EXTRA_RULES + "</code>"), "the extra rule folder is shown: " + page);
        java.util.regex.Matcher mfa = java.util.regex.Pattern.compile("<tr id=\"rule-iam_user_console_without_mfa\">"
                + "(.*?)</tr>", java.util.regex.Pattern.DOTALL).matcher(page);
        assertTrue(mfa.find(), page);
        assertTrue(mfa.group(1).contains("sev-low\">low</span>") && mfa.group(1).contains("the rule file says high"),
                "the global override is in force, the file's grade shown beside it: " + mfa.group(1));
        java.util.regex.Matcher overrides = java.util.regex.Pattern.compile("<table id=\"overrides\">(.*?)</table>",
                java.util.regex.Pattern.DOTALL).matcher(page);
        assertTrue(overrides.find(), page);
        assertTrue(overrides.group(1).matches("(?s).*<td>all accounts</td><td><code>iam_user_console_without_mfa"
                + "</code></td><td>—</td><td><span class=\"sev sev-low\">low</span>.*"), overrides.group(1));
        assertTrue(overrides.group(1).matches("(?s).*<td>" + PROD + "</td><td><code>iam_user_console_without_mfa"
                + "</code></td><td>false</td>.*"), overrides.group(1));

        String kms = viewer().queryParam("service", "kms").get("/rules").then().statusCode(200).extract().asString();
        assertTrue(kms.contains("id=\"rule-kms_key_rotation_disabled\""), kms);
        assertTrue(!kms.contains("id=\"rule-iam_user_console_without_mfa\""), "filtered to kms");
        String low = viewer().queryParam("severity", "low").get("/rules").then().statusCode(200).extract().asString();
        assertTrue(low.contains("id=\"rule-iam_user_console_without_mfa\""), "filters by the severity in force");
        viewer().queryParam("severity", "urgent").get("/rules").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("severity: expected one of critical"));
        String ja = viewer().header("Accept-Language", "ja").get("/rules").then().statusCode(200).extract().asString();
        assertTrue(ja.contains("ルール一覧") && ja.contains("適用中の設定"), ja);
    }

    private static Map<String, Object> finding(String ruleId, String arn) {
        return viewer().queryParam("ruleId", ruleId).queryParam("size", 500).get("/api/findings").then().statusCode(200)
                .extract().jsonPath().getMap("items.find { it.resourceArn == '" + arn + "' }");
    }
}
