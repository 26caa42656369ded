package io.postureaudit.bench.rules;

import io.postureaudit.collect.CollectedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A large synthetic account in the collectors' normalised shapes: thousands of IAM users, roles and policies, and
 * Identity Center, WAFv2, GuardDuty and KMS resources in two regions. Seeded, so every run sees the same estate.
 */
final class SyntheticAccount {

    static final String ACCOUNT = "123456789012";
    private final Random random = new Random(42);

    private SyntheticAccount() {
    }

    /** @param scale 1 = 1,000 users, 2,000 roles, 1,000 policies, 200 groups and smaller counts of the rest */
    static List<CollectedResource> build(int scale) {
        return new SyntheticAccount().resources(scale);
    }

    private List<CollectedResource> resources(int scale) {
        List<CollectedResource> out = new ArrayList<>();
        out.add(account());
        for (int i = 0; i < 1000 * scale; i++) {
            out.add(user(i));
        }
        for (int i = 0; i < 2000 * scale; i++) {
            out.add(role(i));
        }
        for (int i = 0; i < 1000 * scale; i++) {
            out.add(policy(i));
        }
        for (int i = 0; i < 200 * scale; i++) {
            out.add(resource("iam.group", "arn:aws:iam::" + ACCOUNT + ":group/g" + i, "g" + i, Map.of(
                    "groupName", "g" + i, "attachedPolicies", List.of(Map.of("policyName", "p" + i,
                            "policyArn", "arn:aws:iam::" + ACCOUNT + ":policy/p" + i)), "inlinePolicies", List.of()),
                    "global"));
        }
        for (String region : List.of("ap-northeast-1", "us-east-1")) {
            for (int i = 0; i < 50 * scale; i++) {
                out.add(kmsKey(region, i));
            }
            for (int i = 0; i < 10 * scale; i++) {
                out.add(webAcl(region, i));
            }
            out.add(detector(region));
            for (int i = 0; i < 50 * scale; i++) {
                out.add(guardDutyFinding(region, i));
            }
        }
        for (int i = 0; i < 100 * scale; i++) {
            out.add(permissionSet(i));
            out.add(assignment(i));
        }
        return out;
    }

    private static CollectedResource resource(String type, String arn, String name, Map<String, Object> data,
            String region) {
        return new CollectedResource(arn, type, ACCOUNT, region, name, data, Map.of());
    }

    private CollectedResource account() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", ACCOUNT);
        data.put("root", credentials(false, random.nextBoolean()));
        data.put("passwordPolicy", Map.of("minimumPasswordLength", 12, "requireSymbols", true, "requireNumbers", true,
                "requireUppercaseCharacters", true, "requireLowercaseCharacters", false, "passwordReusePrevention", 5,
                "maxPasswordAge", 180));
        data.put("virtualMfaDevices", List.of(Map.of("serialNumber", "arn:aws:iam::" + ACCOUNT + ":mfa/root-account-mfa-device",
                "userArn", "arn:aws:iam::" + ACCOUNT + ":root")));
        return new CollectedResource("arn:aws:iam::" + ACCOUNT + ":root", "iam.account", ACCOUNT, "global", "bench",
                data, Map.of("root", Map.of("passwordLastUsed", "2026-10-01T00:00:00+00:00", "accessKeys", List.of())));
    }

    private Map<String, Object> credentials(boolean password, boolean mfa) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("passwordEnabled", password);
        c.put("passwordLastChanged", "2025-0" + (1 + random.nextInt(9)) + "-10T00:00:00+00:00");
        c.put("mfaActive", mfa);
        c.put("userCreationTime", "2024-04-01T09:00:00+00:00");
        boolean key = random.nextInt(3) == 0;
        c.put("accessKeys", List.of(
                Map.of("number", 1, "active", key, "lastRotated", "2025-0" + (1 + random.nextInt(9)) + "-01T00:00:00+00:00"),
                Map.of("number", 2, "active", false)));
        c.put("activeAccessKeys", key ? 1 : 0);
        c.put("certificates", List.of());
        return c;
    }

    private CollectedResource user(int i) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userName", "user" + i);
        data.put("path", "/");
        data.put("groups", List.of("g" + (i % 200)));
        data.put("attachedPolicies", i % 10 == 0 ? List.of(Map.of("policyName", "p" + i,
                "policyArn", "arn:aws:iam::" + ACCOUNT + ":policy/p" + i)) : List.of());
        data.put("inlinePolicies", List.of());
        data.put("tags", i % 4 == 0 ? Map.of() : Map.of("team", "t" + (i % 7)));
        data.put("credentials", credentials(random.nextBoolean(), random.nextBoolean()));
        Map<String, Object> observed = Map.of("passwordLastUsed", "2026-" + (10 + random.nextInt(2)) + "-01T00:00:00+00:00",
                "accessKeys", List.of(Map.of("number", 1, "lastUsedDate", "2026-11-01T00:00:00+00:00"), Map.of("number", 2)));
        return new CollectedResource("arn:aws:iam::" + ACCOUNT + ":user/user" + i, "iam.user", ACCOUNT, "global",
                "user" + i, data, observed);
    }

    private static Map<String, Object> statement(String effect, List<String> actions, List<String> resources) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", effect);
        s.put("Action", actions);
        s.put("Resource", resources);
        return s;
    }

    private CollectedResource role(int i) {
        Map<String, Object> trust = Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                "Principal", i % 50 == 0 ? Map.of("AWS", List.of("arn:aws:iam::999988887777:root"))
                        : Map.of("Service", List.of("lambda.amazonaws.com")),
                "Action", List.of("sts:AssumeRole"))));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roleName", "role" + i);
        data.put("path", i % 20 == 0 ? "/aws-service-role/" : "/");
        data.put("assumeRolePolicy", trust);
        data.put("attachedPolicies", List.of(Map.of("policyName", "p" + (i % 1000),
                "policyArn", "arn:aws:iam::" + ACCOUNT + ":policy/p" + (i % 1000))));
        data.put("inlinePolicies", List.of(Map.of("policyName", "inline", "document", Map.of("Version", "2012-10-17",
                "Statement", List.of(statement("Allow", List.of("s3:GetObject", "kms:Decrypt"),
                        List.of(i % 30 == 0 ? "*" : "arn:aws:s3:::bucket-" + i + "/*")))))));
        data.put("tags", i % 3 == 0 ? Map.of() : Map.of("owner", "team"));
        return new CollectedResource("arn:aws:iam::" + ACCOUNT + ":role/role" + i, "iam.role", ACCOUNT, "global",
                "role" + i, data, Map.of("roleLastUsed", Map.of("lastUsedDate", "2026-11-01T00:00:00Z")));
    }

    private CollectedResource policy(int i) {
        List<Object> statements = new ArrayList<>();
        for (int s = 0; s < 1 + i % 5; s++) {
            statements.add(statement("Allow", List.of("s3:GetObject", "s3:PutObject", i % 40 == 0 ? "*" : "dynamodb:Query",
                    i % 7 == 0 ? "ec2:*" : "ec2:DescribeInstances"), List.of(i % 9 == 0 ? "*" : "arn:aws:s3:::b" + s)));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("policyName", "p" + i);
        data.put("awsManaged", i % 10 == 0);
        data.put("attachmentCount", i % 13);
        data.put("document", Map.of("Version", "2012-10-17", "Statement", statements));
        return new CollectedResource("arn:aws:iam::" + ACCOUNT + ":policy/p" + i, "iam.policy", ACCOUNT, "global",
                "p" + i, data, Map.of());
    }

    private CollectedResource kmsKey(String region, int i) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keyId", "key-" + i);
        data.put("customerManaged", i % 5 != 0);
        data.put("state", i % 25 == 0 ? "PendingDeletion" : "Enabled");
        data.put("rotationApplies", true);
        data.put("rotationEnabled", i % 3 == 0);
        data.put("rotationPeriodInDays", 365);
        data.put("policy", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("AWS", List.of("arn:aws:iam::" + ACCOUNT + ":root")), "Action", List.of("kms:*"),
                "Resource", List.of("*")))));
        data.put("grants", List.of());
        String arn = "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/key-" + i;
        return resource("kms.key", arn, "key-" + i, data, region);
    }

    private CollectedResource webAcl(String region, int i) {
        Map<String, Object> vis = Map.of("cloudWatchMetricsEnabled", i % 2 == 0);
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", "common");
        rule.put("action", null);
        rule.put("overrideAction", i % 3 == 0 ? "COUNT" : "NONE");
        rule.put("statementType", "managedRuleGroupStatement");
        rule.put("managedRuleGroup", Map.of("vendorName", "AWS", "name", "AWSManagedRulesCommonRuleSet"));
        rule.put("visibilityConfig", vis);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scope", "REGIONAL");
        data.put("defaultAction", "ALLOW");
        data.put("rules", List.of(rule));
        data.put("rateBasedRuleCount", 0);
        data.put("loggingRead", true);
        data.put("logging", i % 2 == 0 ? null : Map.of("redactedFields", List.of()));
        data.put("associatedResources", List.of("arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":lb/" + i));
        return resource("waf.web-acl", "arn:aws:wafv2:" + region + ":" + ACCOUNT + ":regional/webacl/acl" + i,
                "acl" + i, data, region);
    }

    private static CollectedResource detector(String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("enabled", true);
        data.put("findingPublishingFrequency", "SIX_HOURS");
        data.put("features", List.of(Map.of("name", "S3_DATA_EVENTS", "status", "ENABLED", "additionalConfiguration", List.of()),
                Map.of("name", "RUNTIME_MONITORING", "status", "DISABLED", "additionalConfiguration", List.of())));
        data.put("filters", List.of(Map.of("name", "quiet", "autoArchive", true, "findingCriteria",
                Map.of("criterion", Map.of("severity", Map.of("lt", 4)))))); 
        return resource("guardduty.detector", "arn:aws:guardduty:" + region + ":" + ACCOUNT + ":detector/d", "d", data,
                region);
    }

    private CollectedResource guardDutyFinding(String region, int i) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "f" + i);
        data.put("type", "Recon:EC2/PortProbeUnprotectedPort");
        data.put("severity", 2.0 + random.nextInt(7));
        data.put("archived", false);
        data.put("createdAt", "2026-11-0" + (1 + i % 9) + "T00:00:00Z");
        return resource("guardduty.finding", "arn:aws:guardduty:" + region + ":" + ACCOUNT + ":detector/d/finding/f" + i,
                "f" + i, data, region);
    }

    private static CollectedResource permissionSet(int i) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "ps" + i);
        data.put("sessionDuration", i % 2 == 0 ? "PT12H" : "PT1H");
        data.put("awsManagedPolicies", i % 10 == 0 ? List.of(Map.of("name", "AdministratorAccess")) : List.of());
        data.put("inlinePolicy", null);
        data.put("provisionedAccounts", List.of(ACCOUNT));
        return resource("identitycenter.permission-set", "arn:aws:sso:::permissionSet/ssoins-1/ps-" + i, "ps" + i, data,
                "ap-northeast-1");
    }

    private static CollectedResource assignment(int i) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("permissionSetArn", "arn:aws:sso:::permissionSet/ssoins-1/ps-" + (i / 2));
        data.put("permissionSetName", "ps" + (i / 2));
        data.put("principalType", i % 3 == 0 ? "USER" : "GROUP");
        data.put("principalId", "id-" + i);
        data.put("principalName", "name-" + i);
        return resource("identitycenter.assignment", "arn:aws:sso:::permissionSet/ssoins-1/ps-" + (i / 2)
                + "/assignment/" + i, "a" + i, data, "ap-northeast-1");
    }
}
