package io.postureaudit.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.terraform.StateParser;
import io.postureaudit.collect.terraform.StateRead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each status from the v4 state in {@code src/test/resources/terraform/access.tfstate} against live resources
 * shaped as the IAM and Identity Center normalisers write them.
 */
class TerraformClassifierTest {

    static final String DEV = "111111111111";
    static final String PROD = "222222222222";
    static final String LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":[\"lambda.amazonaws.com\"]},\"Action\":[\"sts:AssumeRole\"]}}";
    static final String ECS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String ECS_AND_PARTNER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"ecs-tasks.amazonaws.com\",\"AWS\":\"333333333333\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String LOGS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\","
            + "\"Action\":[\"logs:PutLogEvents\",\"logs:CreateLogStream\"]}]}";
    static final String S3_READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]}]}";
    static final String OPS = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Renamed\",\"Effect\":\"Allow\","
            + "\"Action\":[\"cloudwatch:Get*\",\"ec2:Describe*\"],\"Resource\":\"*\"}}";

    /** As the collectors normalise documents (lists everywhere), which the comparison must see through. */
    static Map<String, Object> doc(String json) {
        try {
            return io.postureaudit.collect.PolicyDocuments.decode(json);
        } catch (io.postureaudit.collect.PolicyDocuments.MalformedPolicyException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static CollectedResource role(String account, String name, String path, String trust, List<String> attached,
            Map<String, String> inline) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roleName", name);
        data.put("arn", "arn:aws:iam::" + account + ":role" + path + name);
        data.put("path", path);
        data.put("assumeRolePolicy", doc(trust));
        data.put("attachedPolicies", attached.stream().map(a -> Map.of("policyName", a.substring(a.lastIndexOf('/') + 1),
                "policyArn", a)).toList());
        List<Object> inlines = new ArrayList<>();
        inline.forEach((n, d) -> inlines.add(Map.of("policyName", n, "document", doc(d))));
        data.put("inlinePolicies", inlines);
        return new CollectedResource((String) data.get("arn"), ResourceTypes.IAM_ROLE, account, "global", name, data,
                Map.of());
    }

    static CollectedResource user(String name, List<String> groups, Map<String, String> inline) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userName", name);
        data.put("arn", "arn:aws:iam::" + DEV + ":user/" + name);
        data.put("path", "/");
        data.put("groups", groups);
        data.put("attachedPolicies", List.of());
        List<Object> inlines = new ArrayList<>();
        inline.forEach((n, d) -> inlines.add(Map.of("policyName", n, "document", doc(d))));
        data.put("inlinePolicies", inlines);
        return new CollectedResource((String) data.get("arn"), ResourceTypes.IAM_USER, DEV, "global", name, data,
                Map.of());
    }

    static CollectedResource other(String type, String arn, String name, Map<String, Object> data) {
        return new CollectedResource(arn, type, DEV, type.startsWith("iam") ? "global" : "ap-northeast-1", name, data,
                Map.of());
    }

    static List<CollectedResource> devLive() {
        List<CollectedResource> live = new ArrayList<>();
        live.add(role(DEV, "deploy", "/", LAMBDA, List.of(), Map.of("logs", LOGS)));
        live.add(role(DEV, "svc-billing", "/", ECS_AND_PARTNER, List.of(), Map.of()));
        live.add(role(DEV, "svc-search", "/", ECS, List.of(), Map.of()));
        live.add(role(DEV, "ops", "/", LAMBDA, List.of("arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::aws:policy/AdministratorAccess"), Map.of()));
        live.add(role(DEV, "break-glass", "/", LAMBDA, List.of("arn:aws:iam::aws:policy/AdministratorAccess"), Map.of()));
        live.add(role(DEV, "AWSReservedSSO_AdministratorAccess_0123456789abcdef", "/aws-reserved/sso.amazonaws.com/",
                LAMBDA, List.of(), Map.of()));
        live.add(role(DEV, "AWSServiceRoleForSupport", "/aws-service-role/support.amazonaws.com/", LAMBDA, List.of(),
                Map.of()));
        live.add(user("ci-deployer", List.of(), Map.of("deploy", S3_READ)));
        live.add(user("kenta", List.of("developers"), Map.of()));
        live.add(other(ResourceTypes.IAM_GROUP, "arn:aws:iam::" + DEV + ":group/developers", "developers",
                Map.of("groupName", "developers", "path", "/", "attachedPolicies", List.of(), "inlinePolicies", List.of())));
        live.add(other(ResourceTypes.IAM_POLICY, "arn:aws:iam::" + DEV + ":policy/ops-everything", "ops-everything",
                Map.of("policyName", "ops-everything", "path", "/", "awsManaged", false, "document", doc(OPS))));
        live.add(other(ResourceTypes.IAM_POLICY, "arn:aws:iam::aws:policy/ReadOnlyAccess", "ReadOnlyAccess",
                Map.of("policyName", "ReadOnlyAccess", "path", "/", "awsManaged", true)));
        live.add(other(ResourceTypes.KMS_KEY, "arn:aws:kms:ap-northeast-1:" + DEV + ":key/aws-ebs", "alias/aws/ebs",
                Map.of("manager", "AWS", "enabled", true)));
        live.add(other(ResourceTypes.IAM_ACCOUNT, "arn:aws:iam::" + DEV + ":root", "dev", Map.of()));
        return live;
    }

    static StateRead access() throws Exception {
        String text = Files.readString(Path.of("src/test/resources/terraform/access.tfstate"));
        return new StateRead(true, StateParser.parse("access.tfstate", text), List.of());
    }

    static Map<String, TerraformItem> byName(List<TerraformItem> items) {
        return items.stream().collect(Collectors.toMap(i -> i.resourceArn().substring(i.resourceArn().lastIndexOf('/') + 1),
                Function.identity()));
    }

    @Test
    void shouldClassifyEveryLiveResourceOfTheMappedKindsWhenStateIsRead() throws Exception {
        Map<String, TerraformItem> items = byName(TerraformClassifier.classify(DEV, devLive(),
                Set.of("global|iam", "ap-northeast-1|kms"), access()));

        assertEquals(TerraformItem.MANAGED, items.get("deploy").status(), () -> items.get("deploy").toString());
        assertEquals("module.access.aws_iam_role.deploy", items.get("deploy").address());
        assertEquals(TerraformItem.MANAGED, items.get("svc-search").status(), "trust policy equal by meaning");
        assertEquals(TerraformItem.MANAGED, items.get("ops-everything").status(),
                "a reordered policy with another Sid and single values is the same policy");
        assertEquals(TerraformItem.MANAGED, items.get("ci-deployer").status(), () -> items.get("ci-deployer").toString());
        assertEquals(TerraformItem.MANAGED, items.get("developers").status(), () -> items.get("developers").toString());

        TerraformItem billing = items.get("svc-billing");
        assertEquals(TerraformItem.CHANGED, billing.status());
        assertEquals("module.apps[\"core\"].aws_iam_role.service[\"billing\"]", billing.address());
        assertEquals(List.of("/assumeRolePolicy"), billing.fields().stream().map(FieldDiff::path).toList());
        TerraformItem ops = items.get("ops");
        assertEquals(TerraformItem.CHANGED, ops.status());
        assertEquals(1, ops.fields().size(), ops.fields().toString());
        assertEquals("/attachedPolicies", ops.fields().get(0).path());
        assertEquals("arn:aws:iam::aws:policy/AdministratorAccess", ops.fields().get(0).live());
        assertNull(ops.fields().get(0).state(), "attached in the console: no state declares it");

        assertEquals(TerraformItem.UNMANAGED, items.get("break-glass").status());
        assertNull(items.get("break-glass").address());
        assertEquals(TerraformItem.UNMANAGED, items.get("kenta").status());
        assertEquals(TerraformItem.AWS_MANAGED, items.get("AWSReservedSSO_AdministratorAccess_0123456789abcdef").status());
        assertEquals(TerraformItem.AWS_MANAGED, items.get("AWSServiceRoleForSupport").status());
        assertEquals(TerraformItem.AWS_MANAGED, items.get("ReadOnlyAccess").status());
        assertEquals(TerraformItem.AWS_MANAGED, items.get("aws-ebs").status());
        assertTrue(!items.containsKey("root"), "the account itself is not a Terraform resource");

        TerraformItem gone = items.get("legacy-gone");
        assertEquals(TerraformItem.MISSING, gone.status());
        assertEquals("aws_iam_role.legacy", gone.address());
        assertEquals(ResourceTypes.IAM_ROLE, gone.resourceType());
        assertTrue(!items.containsKey("deploy") || items.get("deploy").resourceArn().contains(DEV),
                "prod's role of the same name is prod's business");
    }

    @Test
    void shouldNotCallAnythingMissingWhenItsScopeWasNotReadCompletely() throws Exception {
        List<TerraformItem> items = TerraformClassifier.classify(DEV, devLive(), Set.of(), access());
        assertTrue(items.stream().noneMatch(i -> TerraformItem.MISSING.equals(i.status())), items.toString());
    }

    @Test
    void shouldJudgeInlinePoliciesOfOneAccountOnlyWhenAnotherHasAPrincipalOfTheSameName() throws Exception {
        List<CollectedResource> prod = List.of(role(PROD, "deploy", "/", LAMBDA, List.of(), Map.of()));
        List<TerraformItem> items = TerraformClassifier.classify(PROD, prod, Set.of("global|iam"), access());
        assertEquals(1, items.size(), items.toString());
        assertEquals(TerraformItem.MANAGED, items.get(0).status(),
                "dev's aws_iam_role_policy.deploy_logs (default provider) says nothing about prod's deploy role: "
                        + items.get(0));
        assertEquals("aws_iam_role.prod_deploy", items.get(0).address());
    }

    @Test
    void shouldReportAnInlinePolicyEditedOrRemovedOutsideTerraform() throws Exception {
        List<CollectedResource> live = new ArrayList<>(devLive());
        live.set(0, role(DEV, "deploy", "/", LAMBDA, List.of(), Map.of("logs", S3_READ)));
        live.set(7, user("ci-deployer", List.of(), Map.of()));
        Map<String, TerraformItem> items = byName(TerraformClassifier.classify(DEV, live, Set.of("global|iam"), access()));
        assertEquals(TerraformItem.CHANGED, items.get("deploy").status());
        assertEquals("/inlinePolicies/logs", items.get("deploy").fields().get(0).path());
        assertEquals("module.access.aws_iam_role_policy.deploy_logs", items.get("deploy").fields().get(0).address());
        FieldDiff removed = items.get("ci-deployer").fields().get(0);
        assertEquals("/inlinePolicies/deploy", removed.path());
        assertNull(removed.live());
        assertTrue(removed.state() instanceof Map, "shown as a document, not as escaped text: " + removed.state());
    }

    @Test
    void shouldClassifyIdentityCenterByItsInstanceWhenArnsNameNoAccount() throws Exception {
        String instance = "arn:aws:sso:::instance/ssoins-7758a0c3a9f2e1b4";
        String ps = "arn:aws:sso:::permissionSet/ssoins-7758a0c3a9f2e1b4/ps-0a1b2c3d4e5f6a7b";
        String text = """
                {"version":4,"terraform_version":"1.9.8","serial":3,"lineage":"l","outputs":{},"resources":[
                 {"mode":"managed","type":"aws_ssoadmin_permission_set","name":"admin","provider":"provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances":[{"schema_version":0,"attributes":{"arn":"%2$s","instance_arn":"%1$s","name":"Admin","session_duration":"PT1H","relay_state":"","description":"","id":"%2$s,%1$s"}}]},
                 {"mode":"managed","type":"aws_ssoadmin_managed_policy_attachment","name":"admin","provider":"provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances":[{"schema_version":0,"attributes":{"instance_arn":"%1$s","permission_set_arn":"%2$s","managed_policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"}}]},
                 {"mode":"managed","type":"aws_ssoadmin_account_assignment","name":"aiko","provider":"provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances":[{"schema_version":0,"attributes":{"instance_arn":"%1$s","permission_set_arn":"%2$s","principal_id":"u-1","principal_type":"USER","target_id":"333333333333","target_type":"AWS_ACCOUNT"}}]},
                 {"mode":"managed","type":"aws_ssoadmin_account_assignment","name":"gone","provider":"provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances":[{"schema_version":0,"attributes":{"instance_arn":"%1$s","permission_set_arn":"%2$s","principal_id":"u-2","principal_type":"USER","target_id":"333333333333","target_type":"AWS_ACCOUNT"}}]}]}
                """.formatted(instance, ps);
        StateRead read = new StateRead(true, StateParser.parse("idc.tfstate", text), List.of());
        Map<String, Object> psData = new LinkedHashMap<>();
        psData.put("name", "Admin");
        psData.put("sessionDuration", "PT12H");
        psData.put("relayState", null);
        psData.put("description", null);
        psData.put("awsManagedPolicies", List.of(Map.of("name", "AdministratorAccess",
                "arn", "arn:aws:iam::aws:policy/AdministratorAccess")));
        psData.put("inlinePolicy", null);
        String assignment = ps + "/assignment/333333333333/USER/u-1";
        List<CollectedResource> live = List.of(
                new CollectedResource(instance, ResourceTypes.IDC_INSTANCE, DEV, "ap-northeast-1", "main", Map.of(), Map.of()),
                new CollectedResource(ps, ResourceTypes.IDC_PERMISSION_SET, DEV, "ap-northeast-1", "Admin", psData, Map.of()),
                new CollectedResource(assignment, ResourceTypes.IDC_ASSIGNMENT, DEV, "ap-northeast-1", "a", Map.of(), Map.of()));
        List<TerraformItem> items = TerraformClassifier.classify(DEV, live, Set.of("ap-northeast-1|identitycenter"), read);
        Map<String, String> status = items.stream().collect(Collectors.toMap(TerraformItem::resourceArn,
                TerraformItem::status));
        assertEquals(TerraformItem.AWS_MANAGED, status.get(instance));
        assertEquals(TerraformItem.CHANGED, status.get(ps), items.toString());
        assertEquals(TerraformItem.MANAGED, status.get(assignment));
        assertEquals(TerraformItem.MISSING, status.get(ps + "/assignment/333333333333/USER/u-2"));
        TerraformItem set = items.stream().filter(i -> i.resourceArn().equals(ps)).findFirst().orElseThrow();
        assertEquals(List.of(new FieldDiff("/sessionDuration", "aws_ssoadmin_permission_set.admin", "PT1H", "PT12H", true)),
                set.fields());
        assertEquals(List.of(), TerraformClassifier.classify(PROD, List.of(), Set.of("ap-northeast-1|identitycenter"),
                read), "another account without the instance gets none of it");
    }
}
