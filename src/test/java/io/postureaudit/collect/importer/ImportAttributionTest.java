package io.postureaudit.collect.importer;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.awaitScan;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.AwsClientFactory;
import io.postureaudit.collect.AwsSession;
import io.postureaudit.fakeaws.FakeCloudTrail;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.support.OwnDatabaseProfile;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Offline imports name who made each change as a live scan does: bundles written as the AWS CLI prints them
 * ({@link CliBundle}, with {@code cloudtrail:LookupEvents}) from the fake AWS around controlled changes, imported
 * through the API; a bundle without the key leaves its changes unattributed and says so in a gap.
 */
@QuarkusTest
@TestProfile(ImportAttributionTest.OwnDatabase.class)
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportAttributionTest {

    /**
     * Its own application and database: the imported account would otherwise show among the resources and findings
     * that other tests of the collect profile count over every account.
     */
    public static class OwnDatabase extends OwnDatabaseProfile {
    }

    static final String ACCOUNT = "444400001111";
    static final String TOKYO = "ap-northeast-1";
    static final String LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String LAMBDA_AND_PARTNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\",\"AWS\":\"arn:aws:iam::333333333333:root\"},"
            + "\"Action\":\"sts:AssumeRole\"}]}";
    static final String CI = "arn:aws:sts::" + ACCOUNT + ":assumed-role/terraform-ci/gha-run-4711";
    static final String SSO = "arn:aws:sts::" + ACCOUNT
            + ":assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/aiko@example.com";

    @Inject
    AwsClientFactory clients;

    @BeforeAll
    static void plant() {
        FakeIam.Estate estate = TestEnvironment.iam().estate(ACCOUNT);
        synchronized (estate) {
            estate.reportPollsBeforeReady = 0;
            estate.roles.add(new FakeIam.Role("deploy", LAMBDA));
            estate.roles.add(new FakeIam.Role("ops", LAMBDA));
        }
    }

    static FakeIam.Role role(String name) {
        return TestEnvironment.iam().estate(ACCOUNT).roles.stream().filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow();
    }

    static FakeCloudTrail trail() {
        return TestEnvironment.fake("cloudtrail");
    }

    /** What the user's CLI prints for the account now (read through its audit role, as bundle.sh would be). */
    ObjectNode bundle() {
        AccountTarget target = new AccountTarget(ACCOUNT, "imported",
                Optional.of("arn:aws:iam::" + ACCOUNT + ":role/PostureAudit"), Optional.empty(), List.of(TOKYO));
        try (AwsSession session = clients.session(target, "posture-audit-bundle")) {
            return new CliBundle(session).account(List.of(TOKYO)).bundle();
        }
    }

    static JsonPath importBundle(ObjectNode bundle) {
        long id = admin().contentType("application/json").queryParam("account", ACCOUNT)
                .queryParam("name", "imported").body(bundle.toString()).post("/api/imports").then().statusCode(202)
                .extract().jsonPath().getLong("scanId");
        JsonPath scan = awaitScan(id);
        assertTrue(List.of("succeeded", "partial").contains(scan.getString("status")), scan::prettify);
        return scan;
    }

    static Map<String, Map<String, Object>> changes(long scanId) {
        List<Map<String, Object>> items = viewer().queryParam("scan", scanId).queryParam("account", ACCOUNT)
                .queryParam("size", 100).get("/api/changes").then().statusCode(200).extract().jsonPath()
                .getList("items");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        items.forEach(i -> byName.put((String) i.get("name"), i));
        return byName;
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void shouldAttributeImportedChangesFromTheBundlesCloudTrailEventsAsALiveScanDoes() throws Exception {
        ObjectNode first = bundle();
        assertTrue(first.has("cloudtrail:LookupEvents@us-east-1"), () -> "IAM's events are in us-east-1: "
                + first.fieldNames());
        importBundle(first);
        Thread.sleep(1100); // CloudTrail times are whole seconds: the events below come after the first import

        role("deploy").trustPolicy = LAMBDA_AND_PARTNER;
        role("ops").attachedPolicyArns.add("arn:aws:iam::aws:policy/AdministratorAccess");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        trail().event(ACCOUNT, "us-east-1", "iam.amazonaws.com", "UpdateAssumeRolePolicy", now, CI,
                "192.0.2.10", FakeCloudTrail.TERRAFORM_AGENT, false, "AWS::IAM::Role=deploy");
        trail().event(ACCOUNT, "us-east-1", "iam.amazonaws.com", "AttachRolePolicy", now, SSO,
                "203.0.113.5", FakeCloudTrail.CONSOLE_AGENT, false, "AWS::IAM::Role=ops",
                "AWS::IAM::Policy=arn:aws:iam::aws:policy/AdministratorAccess");
        JsonPath second = importBundle(bundle());

        Map<String, Map<String, Object>> changes = changes(second.getLong("id"));
        Map<String, Object> deploy = changes.get("deploy");
        assertNotNull(deploy, changes.keySet().toString());
        assertEquals(Map.of("principal", CI, "userName", "gha-run-4711", "event", "UpdateAssumeRolePolicy",
                "time", now.toString(), "sourceIp", "192.0.2.10", "userAgent", FakeCloudTrail.TERRAFORM_AGENT),
                deploy.get("actor"));
        Map<String, Object> ops = (Map<String, Object>) changes.get("ops").get("actor");
        assertEquals("aiko@example.com", ops.get("userName"), "the person behind the Identity Center session");
        assertEquals(FakeCloudTrail.CONSOLE_AGENT, ops.get("userAgent"));
        assertTrue(second.<Map<String, Object>>getList("gaps").stream()
                .noneMatch(g -> "cloudtrail".equals(g.get("service"))), second.getList("gaps").toString());
    }

    @Test
    @Order(2)
    void shouldLeaveChangesUnattributedWithAGapWhenTheBundleHasNoCloudTrailKey() {
        role("deploy").trustPolicy = LAMBDA;
        trail().event(ACCOUNT, "us-east-1", "iam.amazonaws.com", "UpdateAssumeRolePolicy", Instant.now(), CI,
                "192.0.2.10", FakeCloudTrail.TERRAFORM_AGENT, false, "AWS::IAM::Role=deploy");
        ObjectNode bundle = bundle();
        List<String> keys = new java.util.ArrayList<>();
        bundle.fieldNames().forEachRemaining(keys::add);
        keys.stream().filter(k -> k.startsWith("cloudtrail:")).forEach(bundle::remove);

        JsonPath third = importBundle(bundle);

        Map<String, Object> deploy = changes(third.getLong("id")).get("deploy");
        assertNotNull(deploy);
        assertNull(deploy.get("actor"), "no history in the bundle: unattributed");
        List<Map<String, Object>> gaps = third.<Map<String, Object>>getList("gaps").stream()
                .filter(g -> "cloudtrail".equals(g.get("service"))).toList();
        assertEquals(1, gaps.size(), third.getList("gaps").toString());
        assertEquals("us-east-1", gaps.get(0).get("region"));
        assertEquals("LookupEvents", gaps.get(0).get("operation"));
        assertTrue(((String) gaps.get(0).get("error")).contains("NotInBundle")
                && ((String) gaps.get(0).get("error")).contains("cloudtrail:LookupEvents@us-east-1")
                && ((String) gaps.get(0).get("error")).contains("unattributed"), gaps.toString());
    }
}
