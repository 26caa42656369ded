package io.postureaudit.attribution;

import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.fakeaws.FakeCloudTrail;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.support.CollectTestProfile;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two live scans around controlled changes, with the fake CloudTrail holding the events that made them: a
 * Terraform run and a console edit by an Identity Center user are told apart on the change records; with
 * CloudTrail denied, a gap and unattributed changes.
 */
@QuarkusTest
@TestProfile(CollectTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeAttributionTest {

    static final String DEV = TestEnvironment.DEV;
    static final String LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String LAMBDA_AND_PARTNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\",\"AWS\":\"arn:aws:iam::333333333333:root\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    static final String CI = "arn:aws:sts::" + DEV + ":assumed-role/terraform-ci/gha-run-4711";
    static final String SSO = "arn:aws:sts::" + DEV
            + ":assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/aiko@example.com";

    static FakeIam.Role role(String name) {
        return TestEnvironment.iam().estate(DEV).roles.stream().filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow();
    }

    static FakeCloudTrail trail() {
        return TestEnvironment.fake("cloudtrail");
    }

    static Map<String, Map<String, Object>> changes(long scanId) {
        List<Map<String, Object>> items = viewer().queryParam("scan", scanId).queryParam("account", DEV)
                .queryParam("size", 100).get("/api/changes").then().statusCode(200).extract().jsonPath()
                .getList("items");
        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        items.forEach(i -> byName.put((String) i.get("name"), i));
        return byName;
    }

    @Test
    @Order(1)
    void shouldAttributeATerraformRunAndAConsoleEditToWhoMadeThem() {
        FakeIam.Estate dev = TestEnvironment.iam().estate(DEV);
        synchronized (dev) {
            dev.roles.add(new FakeIam.Role("deploy", LAMBDA));
            dev.roles.add(new FakeIam.Role("ops", LAMBDA));
        }
        scan();
        role("deploy").trustPolicy = LAMBDA_AND_PARTNER;
        role("ops").attachedPolicyArns.add("arn:aws:iam::aws:policy/AdministratorAccess");
        Instant now = Instant.now();
        trail().event(DEV, "us-east-1", "iam.amazonaws.com", "UpdateAssumeRolePolicy", now.minusSeconds(2), CI,
                "192.0.2.10", FakeCloudTrail.TERRAFORM_AGENT, false, "AWS::IAM::Role=deploy");
        trail().event(DEV, "us-east-1", "iam.amazonaws.com", "AttachRolePolicy", now.minusSeconds(1), SSO,
                "203.0.113.5", FakeCloudTrail.CONSOLE_AGENT, false, "AWS::IAM::Role=ops",
                "AWS::IAM::Policy=arn:aws:iam::aws:policy/AdministratorAccess");
        trail().event(DEV, "us-east-1", "iam.amazonaws.com", "GetRole", now, "arn:aws:iam::" + DEV + ":user/reader",
                "198.51.100.7", "aws-cli/2.22.0", true, "AWS::IAM::Role=ops");

        JsonPath second = scan();

        Map<String, Map<String, Object>> changes = changes(second.getLong("id"));
        Map<String, Object> deploy = changes.get("deploy");
        assertNotNull(deploy, changes.keySet().toString());
        assertEquals(Map.of("principal", CI, "userName", "gha-run-4711", "event", "UpdateAssumeRolePolicy",
                "time", now.minusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                "sourceIp", "192.0.2.10", "userAgent", FakeCloudTrail.TERRAFORM_AGENT), deploy.get("actor"));
        Map<String, Object> ops = (Map<String, Object>) changes.get("ops").get("actor");
        assertEquals("aiko@example.com", ops.get("userName"), "the person behind the Identity Center session");
        assertEquals("AttachRolePolicy", ops.get("event"), "the read after it is not the change");
        assertEquals(FakeCloudTrail.CONSOLE_AGENT, ops.get("userAgent"));
        assertTrue(second.<Map<String, Object>>getList("gaps").stream().noneMatch(g -> "cloudtrail".equals(g.get("service"))),
                second.getList("gaps").toString());
    }

    @Test
    @Order(2)
    void shouldLeaveChangesUnattributedAndRecordAGapWhenCloudTrailIsDenied() {
        TestEnvironment.aws().denyAlways("cloudtrail:LookupEvents");
        try {
            role("deploy").trustPolicy = LAMBDA;
            trail().event(DEV, "us-east-1", "iam.amazonaws.com", "UpdateAssumeRolePolicy", Instant.now(), CI,
                    "192.0.2.10", FakeCloudTrail.TERRAFORM_AGENT, false, "AWS::IAM::Role=deploy");
            JsonPath third = scan();
            Map<String, Object> deploy = changes(third.getLong("id")).get("deploy");
            assertNotNull(deploy);
            assertNull(deploy.get("actor"));
            List<Map<String, Object>> gaps = third.<Map<String, Object>>getList("gaps").stream()
                    .filter(g -> "cloudtrail".equals(g.get("service"))).toList();
            assertEquals(1, gaps.size(), third.getList("gaps").toString());
            assertEquals(DEV, gaps.get(0).get("accountId"));
            assertEquals("us-east-1", gaps.get(0).get("region"));
            assertEquals("LookupEvents", gaps.get(0).get("operation"));
            assertTrue(((String) gaps.get(0).get("error")).startsWith("AccessDenied (403)"), gaps.toString());
        } finally {
            TestEnvironment.aws().clearFaults();
        }
    }
}
