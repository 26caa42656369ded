package io.postureaudit.principals;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.awaitScan;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.CollectTestProfile;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An offline import of nothing but {@code aws iam get-account-authorization-details} (what an auditor is usually
 * handed) yields the full least-privilege analysis; what needs other reads is "not judged" with the gap, and a
 * finding such a gap keeps open says so in {@code heldBy}.
 */
@QuarkusTest
@TestProfile(CollectTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
class AuthorizationDetailsImportTest {

    static final String ACCOUNT = "444455556666";

    static String authorizationDetails(boolean opsIsAdmin) {
        return """
                {"UserDetailList": [
                  {"Path": "/", "UserName": "ops", "UserId": "AIDAOPS", "Arn": "arn:aws:iam::444455556666:user/ops",
                   "CreateDate": "2020-01-01T00:00:00+00:00", "GroupList": [%s], "AttachedManagedPolicies": [
                     {"PolicyName": "ops-tools", "PolicyArn": "arn:aws:iam::444455556666:policy/ops-tools"}],
                   "UserPolicyList": [], "Tags": []},
                  {"Path": "/", "UserName": "ci,bot", "UserId": "AIDACI", "Arn": "arn:aws:iam::444455556666:user/ci,bot",
                   "CreateDate": "2020-01-01T00:00:00+00:00", "GroupList": [], "AttachedManagedPolicies": [],
                   "UserPolicyList": [{"PolicyName": "read", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ci-artifacts/*"}]}}], "Tags": []},
                  {"Path": "/", "UserName": "legacy", "UserId": "AIDALEGACY", "Arn": "arn:aws:iam::444455556666:user/legacy",
                   "CreateDate": "2020-01-01T00:00:00+00:00", "GroupList": [], "AttachedManagedPolicies": [],
                   "UserPolicyList": [{"PolicyName": "everything", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3 GetObject", "Resource": "*"}]}}], "Tags": []}],
                 "GroupDetailList": [
                  {"Path": "/", "GroupName": "admins", "GroupId": "AGPAADMINS", "Arn": "arn:aws:iam::444455556666:group/admins",
                   "CreateDate": "2020-01-01T00:00:00+00:00", "GroupPolicyList": [],
                   "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess",
                     "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]}],
                 "RoleDetailList": [
                  {"Path": "/", "RoleName": "builder", "RoleId": "AROABUILDER", "Arn": "arn:aws:iam::444455556666:role/builder",
                   "CreateDate": "2020-01-01T00:00:00+00:00",
                   "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                     "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                   "InstanceProfileList": [], "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": "ci"}],
                   "RolePolicyList": [{"PolicyName": "deploy", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
                      "Resource": "*"}]}}],
                   "RoleLastUsed": {"LastUsedDate": "2026-11-20T00:00:00+00:00", "Region": "ap-northeast-1"}}],
                 "Policies": [%s, %s]}
                """.formatted(opsIsAdmin ? "\"admins\"" : "", policy("pass-and-run", 0), policy("ops-tools", 1));
    }

    static String policy(String name, int attachments) {
        return """
                {"PolicyName": "%s", "PolicyId": "ANPA%s", "Arn": "arn:aws:iam::444455556666:policy/%s", "Path": "/",
                 "DefaultVersionId": "v1", "AttachmentCount": %d, "PermissionsBoundaryUsageCount": 0, "IsAttachable": true,
                 "CreateDate": "2020-01-01T00:00:00+00:00", "UpdateDate": "2020-01-01T00:00:00+00:00",
                 "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "CreateDate": "2020-01-01T00:00:00+00:00",
                   "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                     "Action": ["iam:PassRole", "ec2:RunInstances"], "Resource": "*"}]}}]}
                """.formatted(name, name.toUpperCase().replace("-", ""), name, attachments);
    }

    static String credentialReport() {
        String header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
                + "cert_2_active,cert_2_last_rotated";
        String csv = header + "\n"
                + "\"ci,bot\",\"arn:aws:iam::444455556666:user/ci,bot\",2020-01-01T00:00:00+00:00,true,"
                + "2026-11-30T00:00:00+00:00,2020-01-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,"
                + "N/A,N/A,false,N/A,false,N/A\n";
        String content = Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8));
        return "{\"Content\": \"" + content + "\", \"ReportFormat\": \"text/csv\", "
                + "\"GeneratedTime\": \"2026-11-30T00:00:00+00:00\"}";
    }

    static JsonPath importBundle(String bundle) {
        JsonPath started = admin().contentType(ContentType.JSON).body(bundle).queryParam("account", ACCOUNT)
                .queryParam("name", "gaad-only").post("/api/imports").then().statusCode(202).extract().jsonPath();
        return awaitScan(started.getLong("scanId"));
    }

    static Map<String, Object> principal(List<Map<String, Object>> principals, String arn) {
        return principals.stream().filter(p -> arn.equals(p.get("arn"))).findFirst()
                .orElseThrow(() -> new AssertionError("no principal " + arn + " in " + principals));
    }

    static Map<String, Object> finding(String ruleId, String arn) {
        List<Map<String, Object>> items = viewer().queryParam("account", ACCOUNT).queryParam("ruleId", ruleId)
                .queryParam("size", 100).get("/api/findings").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(f -> arn.equals(f.get("resourceArn"))).findFirst().orElse(null);
    }

    @Test
    void shouldAnalyseEveryPrincipalWhenOnlyTheAuthorizationDetailsWereImported() {
        JsonPath scan = importBundle("{\"iam:GetAccountAuthorizationDetails\": " + authorizationDetails(true)
                + ", \"iam:GetCredentialReport\": " + credentialReport() + "}");
        assertEquals("partial", scan.getString("status"), scan::prettify);

        List<Map<String, Object>> principals = viewer().queryParam("account", ACCOUNT).get("/api/principals").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> ops = principal(principals, "arn:aws:iam::444455556666:user/ops");
        assertTrue(((Number) ops.get("leastPrivilegeScore")).intValue() <= 5, ops::toString);
        assertTrue(String.valueOf(ops.get("risks")).contains("admin"), ops::toString);
        Map<String, Object> builder = principal(principals, "arn:aws:iam::444455556666:role/builder");
        assertTrue(String.valueOf(builder.get("risks")).contains("privilege-escalation"), builder::toString);

        // The document the parser refuses leaves its principal not judged: no score, the error shown, a finding.
        Map<String, Object> legacy = principal(principals, "arn:aws:iam::444455556666:user/legacy");
        assertNull(legacy.get("leastPrivilegeScore"), legacy::toString);
        assertTrue(String.valueOf(legacy.get("errors")).contains("Action"), legacy::toString);
        assertTrue(String.valueOf(legacy.get("notJudged")).contains("permissions"), legacy::toString);
        Map<String, Object> malformed = finding("iam_policy_document_malformed", "arn:aws:iam::444455556666:user/legacy");
        assertNotNull(malformed, "a finding names the unreadable document");
        assertTrue(String.valueOf(malformed.get("message")).contains("inline:everything"), malformed::toString);

        assertEquals("open", finding("principal_admin_access", "arn:aws:iam::444455556666:user/ops").get("status"));
        // The group that makes its members admins is reported on the group too, naming them.
        Map<String, Object> group = principal(principals, "arn:aws:iam::444455556666:group/admins");
        assertEquals("iam.group", group.get("type"));
        assertTrue(String.valueOf(group.get("risks")).contains("admin"), group::toString);
        Map<String, Object> onGroup = finding("principal_admin_access", "arn:aws:iam::444455556666:group/admins");
        assertTrue(String.valueOf(onGroup.get("message")).contains("members: arn:aws:iam::444455556666:user/ops"),
                onGroup::toString);
        assertEquals("open", finding("principal_privilege_escalation", "arn:aws:iam::444455556666:role/builder")
                .get("status"));
        // Policies are judged where they are written: attached (high) or one attachment away (low).
        List<Map<String, Object>> policies = viewer().queryParam("account", ACCOUNT).get("/api/policies").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> unattached = policies.stream()
                .filter(p -> "arn:aws:iam::444455556666:policy/pass-and-run".equals(p.get("arn"))).findFirst().orElseThrow();
        assertEquals(List.of(), unattached.get("attachedTo"));
        assertTrue(String.valueOf(unattached.get("risks")).contains("privilege-escalation"), unattached::toString);
        Map<String, Object> tools = policies.stream()
                .filter(p -> "arn:aws:iam::444455556666:policy/ops-tools".equals(p.get("arn"))).findFirst().orElseThrow();
        assertEquals(List.of("arn:aws:iam::444455556666:user/ops"), tools.get("attachedTo"));
        assertEquals("managed", tools.get("kind"));
        // Inline policies are listed too, under their holder's ARN (AWS gives them none of their own).
        Map<String, Object> deploy = policies.stream().filter(p -> "inline".equals(p.get("kind"))
                && "deploy".equals(p.get("name"))).findFirst().orElseThrow(() -> new AssertionError("" + policies));
        assertEquals("arn:aws:iam::444455556666:role/builder", deploy.get("arn"));
        assertEquals(List.of("arn:aws:iam::444455556666:role/builder"), deploy.get("attachedTo"));
        assertTrue(String.valueOf(deploy.get("risks")).contains("privilege-escalation"), deploy::toString);
        Map<String, Object> read = policies.stream().filter(p -> "inline".equals(p.get("kind"))
                && "read".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(List.of(), read.get("risks"), read::toString);
        assertNull(read.get("error"), read::toString);
        Map<String, Object> everything = policies.stream().filter(p -> "inline".equals(p.get("kind"))
                && "everything".equals(p.get("name"))).findFirst().orElseThrow();
        assertNull(everything.get("leastPrivilegeScore"), "an unreadable inline policy is not judged: " + everything);
        assertTrue(String.valueOf(everything.get("error")).contains("Action"), everything::toString);
        assertEquals("low", finding("iam_policy_risky_unattached", "arn:aws:iam::444455556666:policy/pass-and-run")
                .get("severity"));
        Map<String, Object> attachedFinding = finding("iam_policy_risky_attached",
                "arn:aws:iam::444455556666:policy/ops-tools");
        assertTrue(String.valueOf(attachedFinding.get("message")).contains("arn:aws:iam::444455556666:user/ops"),
                attachedFinding::toString);
        // The comma in "ci,bot" no longer makes the credential report unreadable.
        assertEquals("open", finding("iam_user_console_without_mfa", "arn:aws:iam::444455556666:user/ci,bot")
                .get("status"));

        // Second import: authorization details only, and ops has left the admin group.
        JsonPath second = importBundle("{\"iam:GetAccountAuthorizationDetails\": " + authorizationDetails(false) + "}");
        assertEquals("partial", second.getString("status"), second::prettify);
        Map<String, Object> admin = finding("principal_admin_access", "arn:aws:iam::444455556666:user/ops");
        assertEquals("resolved", admin.get("status"), "the authorization details were complete: " + admin);
        Map<String, Object> mfa = finding("iam_user_console_without_mfa", "arn:aws:iam::444455556666:user/ci,bot");
        assertEquals("open", mfa.get("status"), mfa::toString);
        Map<?, ?> heldBy = (Map<?, ?>) mfa.get("heldBy");
        assertNotNull(heldBy, "a finding the missing credential report keeps open says so: " + mfa);
        assertEquals("GetCredentialReport", heldBy.get("operation"));
        assertNull(finding("principal_admin_access", "arn:aws:iam::444455556666:user/ops").get("heldBy"));
        // The finding page says so too: which call was not read and why, and what of the principal was not judged.
        String page = viewer().get("/findings/" + mfa.get("id")).then().statusCode(200).contentType("text/html")
                .extract().asString();
        int held = page.indexOf("id=\"held-by\"");
        assertTrue(held > 0, page);
        String heldBlock = page.substring(held, page.indexOf("</section>", held));
        assertTrue(heldBlock.contains("iam:GetCredentialReport") && heldBlock.contains(String.valueOf(heldBy.get("error"))
                .replace("'", "&#39;").replace("\"", "&quot;")), heldBlock);
        int notJudged = page.indexOf("id=\"not-judged\"");
        assertTrue(notJudged > 0, page);
        String notJudgedBlock = page.substring(notJudged, page.indexOf("</section>", notJudged));
        assertTrue(notJudgedBlock.contains("unused-access") && notJudgedBlock.contains("GetCredentialReport"),
                notJudgedBlock);
        String resolvedPage = viewer().get("/findings/" + admin.get("id")).then().statusCode(200).extract().asString();
        assertTrue(!resolvedPage.contains("id=\"held-by\""), "a finding no gap holds shows no held-by block");

        List<Map<String, Object>> after = viewer().queryParam("account", ACCOUNT).get("/api/principals").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> ci = principal(after, "arn:aws:iam::444455556666:user/ci,bot");
        assertTrue(String.valueOf(ci.get("notJudged")).contains("unused-access")
                && String.valueOf(ci.get("notJudged")).contains("GetCredentialReport"), ci::toString);
        assertNotNull(ci.get("leastPrivilegeScore"), ci::toString);
        // The principal's own page names what of it was not judged, and why.
        String principalPage = viewer().queryParam("arn", "arn:aws:iam::444455556666:user/ci,bot")
                .get("/principals/detail").then().statusCode(200).extract().asString();
        int block = principalPage.indexOf("id=\"not-judged\"");
        assertTrue(block > 0, principalPage);
        String shown = principalPage.substring(block, principalPage.indexOf("</section>", block));
        assertTrue(shown.contains("unused-access") && shown.contains("GetCredentialReport"), shown);
    }

    @Test
    void shouldImportButCountResourcesThatNameAnotherAccount() {
        String foreign = authorizationDetails(false).replace("arn:aws:iam::444455556666:role/builder",
                "arn:aws:iam::999988887777:role/builder");
        JsonPath started = admin().contentType(ContentType.JSON)
                .body("{\"iam:GetAccountAuthorizationDetails\": " + foreign + "}").queryParam("account", "444455557777")
                .post("/api/imports").then().statusCode(202).extract().jsonPath();
        // Imported for 444455557777: users, group and policies are 444455556666's, the role 999988887777's.
        Map<String, Integer> expected = Map.of("444455556666", 6, "999988887777", 1);
        assertEquals(expected, started.getMap("foreignAccounts"));
        JsonPath scan = awaitScan(started.getLong("scanId"));
        assertEquals(expected, scan.getMap("accounts[0].foreignAccounts"), scan::prettify);
        assertTrue(scan.getInt("accounts[0].resources") >= 5, "imported all the same: " + scan.prettify());
    }
}
