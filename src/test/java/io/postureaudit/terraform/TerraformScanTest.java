package io.postureaudit.terraform;

import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeS3;
import io.postureaudit.fakeaws.FakeWafv2;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real scans of the fake AWS with a local state and a state in the fake S3: every status, coverage, the
 * Terraform rules' findings, secrets never stored or shown, and a state replaced between scans read afresh.
 */
@QuarkusTest
@TestProfile(TerraformTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerraformScanTest {

    static final String DEV = TestEnvironment.DEV;
    static final String PROD = TestEnvironment.PROD;
    static final String TOKYO = "ap-northeast-1";
    static final String KEY = "0f6e5d4c-3b2a-4190-8877-665544332211";
    static final String LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}";
    static final String ECS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":[\"ecs-tasks.amazonaws.com\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
    static final String ECS_AND_PARTNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"ecs-tasks.amazonaws.com\",\"AWS\":\"arn:aws:iam::333333333333:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String LOGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "[\"logs:PutLogEvents\",\"logs:CreateLogStream\"],\"Resource\":\"*\"}]}";
    static final String S3_READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]}]}";
    static final String OPS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"cloudwatch:Get*\",\"ec2:Describe*\"],\"Resource\":\"*\"}]}";
    static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    static String securityState;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void plant() throws Exception {
        FakeIam.Estate dev = TestEnvironment.iam().estate(DEV);
        FakeIam.Role deploy = new FakeIam.Role("deploy", LAMBDA);
        deploy.inlinePolicies.put("logs", LOGS);
        dev.roles.add(deploy);
        dev.roles.add(new FakeIam.Role("svc-billing", ECS_AND_PARTNER));
        dev.roles.add(new FakeIam.Role("svc-search", ECS));
        FakeIam.Role ops = new FakeIam.Role("ops", LAMBDA);
        ops.attachedPolicyArns.add("arn:aws:iam::aws:policy/ReadOnlyAccess");
        ops.attachedPolicyArns.add(ADMIN);
        dev.roles.add(ops);
        FakeIam.Role breakGlass = new FakeIam.Role("break-glass", LAMBDA);
        breakGlass.attachedPolicyArns.add(ADMIN);
        dev.roles.add(breakGlass);
        FakeIam.Role sso = new FakeIam.Role("AWSReservedSSO_AdministratorAccess_0123456789abcdef", LAMBDA);
        sso.attachedPolicyArns.add(ADMIN);
        dev.roles.add(sso);
        FakeIam.User ci = new FakeIam.User("ci-deployer");
        ci.inlinePolicies.put("deploy", S3_READ);
        dev.users.add(ci);
        FakeIam.User kenta = new FakeIam.User("kenta");
        kenta.groups.add("developers");
        dev.users.add(kenta);
        dev.groups.add(new FakeIam.Group("developers"));
        dev.policies.add(new FakeIam.Policy("ops-everything", "arn:aws:iam::" + DEV + ":policy/ops-everything", OPS));
        TestEnvironment.iam().estate(PROD).roles.add(new FakeIam.Role("deploy", LAMBDA));

        FakeKms kms = TestEnvironment.fake("kms");
        kms.customerKey(DEV, TOKYO, KEY); // rotation off, while the state asks for it
        FakeWafv2 waf = TestEnvironment.fake("wafv2");
        String aclArn = waf.webAcl(DEV, TOKYO, "REGIONAL", "dev-api").get("ARN").asText(); // default Allow
        FakeGuardDuty guardDuty = TestEnvironment.fake("guardduty");
        guardDuty.detector(DEV, TOKYO, "dev-detector", "ENABLED");
        securityState = Files.readString(Path.of("src/test/resources/terraform/security.tfstate.template"))
                .replace("ACLARN", aclArn);
        s3().put("tf-state-tooling", "security/terraform.tfstate", securityState);
    }

    static FakeS3 s3() {
        return TestEnvironment.fake("s3");
    }

    static JsonPath terraform(String account) {
        return viewer().queryParam("account", account).get("/api/terraform").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Map<String, Object>> byName(JsonPath answer) {
        List<Map<String, Object>> items = answer.getList("items");
        return items.stream().collect(Collectors.toMap(i -> {
            String arn = (String) i.get("resourceArn");
            return arn.substring(arn.lastIndexOf(arn.contains(":webacl/") ? ':' : '/') + 1);
        }, i -> i, (a, b) -> a));
    }

    static List<Map<String, Object>> findings(String ruleId) {
        return viewer().queryParam("ruleId", ruleId).queryParam("account", DEV).queryParam("size", 100)
                .get("/api/findings").then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    @Order(1)
    void shouldClassifyTheLiveEstateAgainstLocalAndS3StatesWhenScanning() {
        JsonPath result = scan();
        List<Map<String, Object>> gaps = result.getList("gaps");
        assertTrue(gaps.stream().noneMatch(g -> "terraform".equals(g.get("service"))), gaps.toString());

        JsonPath answer = terraform(DEV);
        Map<String, Map<String, Object>> items = byName(answer);
        assertEquals("managed", items.get("deploy").get("status"), () -> items.get("deploy").toString());
        assertEquals("module.access.aws_iam_role.deploy", items.get("deploy").get("address"));
        assertEquals("managed", items.get("svc-search").get("status"));
        assertEquals("managed", items.get("ops-everything").get("status"), () -> items.get("ops-everything").toString());
        assertEquals("managed", items.get("ci-deployer").get("status"), () -> items.get("ci-deployer").toString());
        assertEquals("managed", items.get("developers").get("status"), () -> items.get("developers").toString());
        assertEquals("managed", items.get("dev-detector").get("status"), () -> items.get("dev-detector").toString());
        assertEquals("changed", items.get("svc-billing").get("status"));
        assertEquals("changed", items.get("ops").get("status"));
        assertEquals("changed", items.get(KEY).get("status"));
        assertEquals(List.of(Map.of("path", "/rotationEnabled", "address", "module.security.aws_kms_key.data",
                "state", true, "live", false, "security", true)), items.get(KEY).get("fields"));
        Map<String, Object> acl = answer.<Map<String, Object>>getList("items").stream()
                .filter(i -> "waf.web-acl".equals(i.get("resourceType"))).findFirst().orElseThrow();
        assertEquals("changed", acl.get("status"));
        assertEquals("/defaultAction", ((List<Map<String, Object>>) acl.get("fields")).get(0).get("path"));
        assertEquals("unmanaged", items.get("break-glass").get("status"));
        assertEquals("unmanaged", items.get("kenta").get("status"));
        assertEquals("aws-managed", items.get("AWSReservedSSO_AdministratorAccess_0123456789abcdef").get("status"));
        assertEquals("missing", items.get("legacy-gone").get("status"));
        assertEquals("aws_iam_role.legacy", items.get("legacy-gone").get("address"));

        Map<String, Object> prodDeploy = byName(terraform(PROD)).get("deploy");
        assertEquals("managed", prodDeploy.get("status"), () -> prodDeploy.toString());
        assertEquals("aws_iam_role.prod_deploy", prodDeploy.get("address"));

        List<Map<String, Object>> coverage = answer.getList("coverage");
        Map<String, Object> iam = coverage.stream().filter(c -> "iam".equals(c.get("service"))).findFirst().orElseThrow();
        assertEquals(DEV, iam.get("accountId"));
        // managed or changed: deploy, svc-billing, svc-search, ops, ci-deployer, developers, ops-everything;
        // unmanaged: break-glass, kenta (AWS managed roles and policies, and the missing role, do not count).
        assertEquals(7, iam.get("managed"), coverage.toString());
        assertEquals(9, iam.get("total"), coverage.toString());
        assertEquals(77.7f, ((Number) iam.get("percent")).floatValue(), 0.01f);

        long covered = coverage.stream().filter(c -> DEV.equals(c.get("accountId")))
                .mapToLong(c -> ((Number) c.get("managed")).longValue()).sum();
        long counted = coverage.stream().filter(c -> DEV.equals(c.get("accountId")))
                .mapToLong(c -> ((Number) c.get("total")).longValue()).sum();
        assertEquals(List.of(covered, counted, 1L), latestCoverage(DEV),
                "the scan keeps the account's coverage as a point of its history, as the API counts it");
    }

    /** The newest IaC coverage point of an account: covered, counted, and 1 when every state was read. */
    private List<Long> latestCoverage(String account) {
        try (Connection c = dataSource.getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                "select covered, counted, states_complete from terraform_coverage where account_id = ? "
                        + "order by scan_id desc limit 1")) {
            s.setString(1, account);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next(), "no coverage point for " + account);
                return List.of(rows.getLong(1), rows.getLong(2), rows.getBoolean(3) ? 1L : 0L);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(2)
    void shouldRaiseTheTerraformRulesFindingsWhenPrincipalsAndAttributesDrift() {
        List<Map<String, Object>> unmanaged = findings("drift_terraform_unmanaged_privileged_principal");
        assertEquals(List.of("arn:aws:iam::" + DEV + ":role/break-glass"), unmanaged.stream()
                .map(f -> f.get("resourceArn")).toList(), "kenta is unprivileged; the SSO role is AWS's");
        assertEquals("IAM role break-glass has administrator access but is in no Terraform state.",
                unmanaged.get(0).get("message"));
        List<Map<String, Object>> changed = findings("drift_terraform_security_attribute_changed");
        Map<String, String> messages = changed.stream().collect(Collectors.toMap(f -> (String) f.get("resourceArn"),
                f -> (String) f.get("message")));
        assertEquals("IAM role svc-billing differs from Terraform state module.apps[\"core\"].aws_iam_role.service"
                + "[\"billing\"] at /assumeRolePolicy.", messages.get("arn:aws:iam::" + DEV + ":role/svc-billing"));
        assertEquals("IAM role ops differs from Terraform state aws_iam_role.ops[0] at /attachedPolicies.",
                messages.get("arn:aws:iam::" + DEV + ":role/ops"));
        assertTrue(messages.get("arn:aws:kms:" + TOKYO + ":" + DEV + ":key/" + KEY).endsWith("at /rotationEnabled."),
                messages.toString());
        assertEquals(4, changed.size(), messages.toString());
    }

    @Test
    @Order(3)
    void shouldNeverStoreOrShowSensitiveStateValues() throws Exception {
        String everything = viewer().get("/api/terraform").then().statusCode(200).extract().asString()
                + viewer().queryParam("size", 500).get("/api/findings").then().extract().asString();
        assertFalse(everything.contains("MARKER"), "a state secret reached the API");
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(
                "select (select count(*) from terraform_status where fields::text like '%MARKER%' or address like '%MARKER%')"
                        + " + (select count(*) from finding where message like '%MARKER%')"
                        + " + (select count(*) from scan_gap where error like '%MARKER%')")) {
            rows.next();
            assertEquals(0, rows.getLong(1), "a state secret was written to the database");
        }
    }

    @Test
    @Order(4)
    void shouldReportAReplacedUnreadableStateAsAGapAndKeepFindingsItCannotJudge() throws Exception {
        s3().put("tf-state-tooling", "security/terraform.tfstate",
                "{\"version\":3,\"terraform_version\":\"0.11.14\",\"serial\":9,\"modules\":[]}");
        Files.writeString(TerraformTestProfile.LOCAL_STATE, "not json {");
        try {
            JsonPath result = scan();
            List<Map<String, Object>> gaps = result.<Map<String, Object>>getList("gaps").stream()
                    .filter(g -> "terraform".equals(g.get("service")) && DEV.equals(g.get("accountId"))).toList();
            assertEquals(2, gaps.size(), gaps.toString());
            assertTrue(gaps.stream().anyMatch(g -> g.get("error").equals(TerraformTestProfile.S3_STATE
                    + ": state format version 3, expected 4 (as written by Terraform 1.x); written by Terraform 0.11.14")),
                    gaps.toString());
            assertTrue(gaps.stream().anyMatch(g -> ((String) g.get("error")).startsWith(TerraformTestProfile.LOCAL_STATE
                    + ": not JSON: ")), gaps.toString());
            assertEquals("partial", result.getString("status"));
            assertEquals(2, terraform(DEV).getList("gaps").size());
            assertEquals(0L, latestCoverage(DEV).get(2), "a coverage point from unreadable states says so");
            assertEquals("open", findings("drift_terraform_unmanaged_privileged_principal").get(0).get("status"),
                    "a state that could not be read is no evidence that break-glass joined Terraform");
            assertTrue(findings("drift_terraform_security_attribute_changed").stream()
                    .allMatch(f -> "open".equals(f.get("status"))), "nor that the drift was fixed");
        } finally {
            s3().put("tf-state-tooling", "security/terraform.tfstate", securityState);
            Files.copy(Path.of("src/test/resources/terraform/access.tfstate"), TerraformTestProfile.LOCAL_STATE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        scan();
        assertEquals(List.of(), terraform(DEV).getList("gaps"), "the restored states are read afresh");
        assertEquals("managed", byName(terraform(DEV)).get("deploy").get("status"));
    }

    @Test
    @Order(5)
    void shouldRefuseAnonymousCallersAndMalformedAccounts() {
        given().get("/api/terraform").then().statusCode(401);
        String error = viewer().queryParam("account", "prod").get("/api/terraform").then().statusCode(400).extract()
                .jsonPath().getString("error");
        assertEquals("account: expected a 12-digit AWS account id, found 'prod'", error);
    }
}
