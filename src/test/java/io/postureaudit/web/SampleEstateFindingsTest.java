package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.awaitScan;
import static io.postureaudit.support.Api.viewer;
import static io.postureaudit.web.ImportResourceTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.CollectTestProfile;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The weaknesses planted in the sample estate for the peer-parity rules surface as findings on the resources
 * they were planted on, so a newcomer sees each kind of problem on first start.
 */
@QuarkusTest
@TestProfile(CollectTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
class SampleEstateFindingsTest {

    static final String DEV = "314159265358";
    static final String STAGING = "271828182845";
    static final String PROD = "161803398874";

    private static boolean imported;

    /** Once per class, inside a test: RestAssured knows the random test port only once the app is up. */
    private static synchronized void importSamples() {
        if (imported) {
            return;
        }
        imported = true;
        for (String[] a : new String[][] {{DEV, "dev"}, {STAGING, "staging"}, {PROD, "prod"}}) {
            JsonPath started = admin().contentType(ContentType.JSON).body(sample(a[1] + "-" + a[0] + ".json"))
                    .queryParam("account", a[0]).queryParam("name", a[1])
                    .post("/api/imports").then().statusCode(202).extract().jsonPath();
            awaitScan(started.getLong("scanId"));
        }
    }

    private static List<String> openFindings(String account, String ruleId) {
        importSamples();
        return viewer().queryParam("account", account).queryParam("ruleId", ruleId).queryParam("status", "open")
                .get("/api/findings").then().statusCode(200).extract().jsonPath().getList("items.resourceArn");
    }

    @Test
    void shouldReportRoleAssumptionOnEveryRoleWhenInlinePolicyAllowsIt() {
        assertEquals(List.of("arn:aws:iam::" + STAGING + ":role/ops-hop"),
                openFindings(STAGING, "iam_inline_policy_permissive_role_assumption"));
    }

    @Test
    void shouldReportServiceTrustWithoutSourceConditionButNotServiceLinkedRoles() {
        assertEquals(List.of("arn:aws:iam::" + PROD + ":role/sns-delivery-status"),
                openFindings(PROD, "iam_role_service_trust_without_source_condition").stream()
                        .filter(arn -> arn.endsWith("sns-delivery-status") || arn.contains("aws-service-role")).toList());
    }

    @Test
    void shouldReportCrossAccountReadOnlyAccessEvenWithExternalId() {
        assertEquals(List.of("arn:aws:iam::" + PROD + ":role/partner-billing"),
                openFindings(PROD, "iam_role_cross_account_readonly_access"));
    }

    @Test
    void shouldReportMultiRegionAndDisabledCustomerKeys() {
        assertEquals(List.of("arn:aws:kms:ap-northeast-1:" + STAGING + ":key/mrk-5e6f7a8b9c0d4e1f8a2b" + STAGING),
                openFindings(STAGING, "kms_key_multi_region"));
        assertEquals(List.of("arn:aws:kms:ap-northeast-1:" + STAGING + ":key/4d5e6f7a-eeee-4fff-8aaa-" + STAGING),
                openFindings(STAGING, "kms_key_disabled"));
    }

    @Test
    void shouldReportAdministratorWithVirtualMfaOnly() {
        assertEquals(List.of("arn:aws:iam::" + PROD + ":user/haruto"),
                openFindings(PROD, "iam_user_admin_without_hardware_mfa"), () -> viewer().queryParam("account", PROD)
                        .queryParam("size", 200).get("/api/findings").then().extract().jsonPath()
                        .getList("items.findAll { it.resourceArn.endsWith('user/haruto') }.ruleId").toString());
        assertEquals(List.of(), openFindings(PROD, "iam_user_console_without_mfa"),
                "haruto has MFA; no prod user signs in without it");
    }

    @Test
    void shouldReportTheOrganisationLevelWeaknessesInTheManagementAccountOnly() {
        assertEquals(List.of("arn:aws:iam::" + PROD + ":root"),
                openFindings(PROD, "iam_root_credentials_management_disabled"));
        assertEquals(List.of(), openFindings(PROD, "iam_root_sessions_disabled"), "prod has root sessions on");
        assertEquals(List.of(), openFindings(DEV, "iam_root_credentials_management_disabled"),
                "a member account's refusal is judged in the management account, not here");
        assertEquals(1, openFindings(PROD, "guardduty_no_delegated_administrator").size());
        assertTrue(openFindings(PROD, "guardduty_no_delegated_administrator").get(0)
                .startsWith("arn:aws:guardduty:us-east-1:" + PROD + ":detector/"), "Tokyo has one, us-east-1 not");
        assertEquals(1, openFindings(PROD, "guardduty_organization_plan_not_auto_enabled").size());
        assertEquals(List.of(), openFindings(PROD, "guardduty_organization_auto_enable_off"), "new accounts get it");
        assertEquals(List.of(), openFindings(STAGING, "guardduty_no_delegated_administrator"));
        assertEquals(List.of(), openFindings(STAGING, "guardduty_not_centrally_managed"),
                "staging's detector is a member of prod's");
    }

    /** Rule pairs that judge the same root cause: the first owns it, the second must stay quiet where it does. */
    private static final List<List<String>> SAME_MEANING = List.of(
            List.of("principal_public_trust", "iam_role_trust_allows_everyone"),
            List.of("principal_cross_account_trust", "iam_role_cross_account_trust_without_condition"),
            List.of("identitycenter_permission_set_admin_equivalent", "principal_admin_access"),
            List.of("iam_policy_allows_full_admin", "iam_policy_permissive_role_assumption"));
    // iam_inline_policy_permissive_role_assumption yields to principal_admin_access only for the "*" on "*" statement
    // itself (its examples show it); a separate sts:AssumeRole grant of an administrator is still its own finding.

    @Test
    void shouldReportEachRootCauseOnceWhenEngineAndPatternRulesJudgeTheSameResource() {
        importSamples();
        Map<String, Set<String>> rulesByResource = new TreeMap<>();
        // Only the sample accounts: other tests of this profile import their own accounts into the same database.
        List<Map<String, Object>> open = new java.util.ArrayList<>();
        for (String account : List.of(DEV, STAGING, PROD)) {
            open.addAll(viewer().queryParam("account", account).queryParam("status", "open").queryParam("size", 500)
                    .get("/api/findings").then().statusCode(200).extract().jsonPath().getList("items"));
        }
        open.forEach(f -> rulesByResource.computeIfAbsent((String) f.get("resourceArn"), k -> new TreeSet<>())
                .add((String) f.get("ruleId")));
        rulesByResource.forEach((arn, rules) -> SAME_MEANING.forEach(pair -> assertTrue(
                !rules.containsAll(pair), arn + " has both " + pair + ": " + rules)));
        // The owners still report what the sample estate plants.
        assertTrue(rulesByResource.get("arn:aws:iam::" + DEV + ":role/ext-audit").contains("principal_public_trust"));
        assertTrue(rulesByResource.get("arn:aws:iam::" + DEV + ":policy/dev-admin-all")
                .contains("iam_policy_allows_full_admin"));
        assertTrue(rulesByResource.values().stream().filter(r -> r.contains("identitycenter_permission_set_admin_equivalent"))
                .count() >= 2, () -> "" + rulesByResource);
    }
}
