package io.postureaudit.policy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.collect.CollectedResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic synthetic account in the collectors' shapes: AWS managed policies from the corpus, customer
 * managed policies, groups, users and roles with usage data. Same seed, same account.
 */
final class SyntheticAccount {

    private static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SERVICES = {"s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "logs", "kms",
        "secretsmanager", "ssm", "cloudwatch", "ecr", "ecs", "rds", "iam", "sts", "glue", "athena"};
    private static final String[] VERBS = {"Get*", "List*", "Describe*", "Put*", "Create*", "Delete*", "*"};
    private static final String[] MANAGED = {"ReadOnlyAccess", "PowerUserAccess", "AmazonS3FullAccess",
        "AmazonEC2FullAccess", "AmazonDynamoDBFullAccess", "CloudWatchLogsFullAccess", "AWSLambda_FullAccess",
        "SecurityAudit", "ViewOnlyAccess", "AmazonSQSFullAccess", "IAMReadOnlyAccess", "AdministratorAccess"};

    private SyntheticAccount() {
    }

    static List<CollectedResource> build(Map<String, JsonNode> corpus, int users, int roles, long seed) {
        Random random = new Random(seed);
        List<CollectedResource> out = new ArrayList<>();
        List<Map<String, Object>> policyRefs = new ArrayList<>();
        for (String name : MANAGED) {
            String arn = "arn:aws:iam::aws:policy/" + name;
            out.add(policy(arn, name, true, JSON.convertValue(corpus.get(name), Map.class)));
            policyRefs.add(Map.of("policyName", name, "policyArn", arn));
        }
        for (int i = 0; i < 200; i++) {
            String name = "team-policy-" + i;
            String arn = "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
            out.add(policy(arn, name, false, randomDocument(random)));
            policyRefs.add(Map.of("policyName", name, "policyArn", arn));
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String name = "group-" + i;
            groups.add(name);
            String arn = "arn:aws:iam::" + ACCOUNT + ":group/" + name;
            out.add(new CollectedResource(arn, "iam.group", ACCOUNT, "global", name, Map.of("groupName", name,
                    "arn", arn, "attachedPolicies", pick(random, policyRefs, 1 + random.nextInt(3)),
                    "inlinePolicies", List.of(Map.of("policyName", "inline", "document", randomDocument(random)))),
                    Map.of()));
        }
        for (int i = 0; i < users; i++) {
            String name = "user-" + i;
            String arn = "arn:aws:iam::" + ACCOUNT + ":user/" + name;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("userName", name);
            data.put("arn", arn);
            data.put("createDate", "2024-01-01T00:00:00Z");
            data.put("groups", pick(random, groups, 1 + random.nextInt(3)));
            data.put("attachedPolicies", pick(random, policyRefs, random.nextInt(3)));
            data.put("inlinePolicies", List.of(Map.of("policyName", "own", "document", randomDocument(random))));
            data.put("credentials", Map.of("passwordEnabled", random.nextBoolean(), "mfaActive", true,
                    "accessKeys", List.of(Map.of("number", 1, "active", true, "lastRotated", "2025-06-01T00:00:00Z"))));
            out.add(new CollectedResource(arn, "iam.user", ACCOUNT, "global", name, data, usage(random)));
        }
        for (int i = 0; i < roles; i++) {
            String name = "role-" + i;
            String arn = "arn:aws:iam::" + ACCOUNT + ":role/" + name;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("roleName", name);
            data.put("arn", arn);
            data.put("createDate", "2024-01-01T00:00:00Z");
            data.put("assumeRolePolicy", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect",
                    "Allow", "Principal", Map.of("AWS", List.of(i % 10 == 0 ? "arn:aws:iam::999999999999:root"
                            : "arn:aws:iam::" + ACCOUNT + ":root")), "Action", List.of("sts:AssumeRole")))));
            data.put("attachedPolicies", pick(random, policyRefs, 1 + random.nextInt(3)));
            data.put("inlinePolicies", List.of(Map.of("policyName", "own", "document", randomDocument(random))));
            Map<String, Object> observed = new HashMap<>(usage(random));
            observed.put("roleLastUsed", Map.of("lastUsedDate", "2026-10-01T00:00:00Z"));
            out.add(new CollectedResource(arn, "iam.role", ACCOUNT, "global", name, data, observed));
        }
        return out;
    }

    private static CollectedResource policy(String arn, String name, boolean awsManaged, Map<?, ?> document) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("policyName", name);
        data.put("arn", arn);
        data.put("awsManaged", awsManaged);
        data.put("document", document);
        return new CollectedResource(arn, "iam.policy", ACCOUNT, "global", name, data, Map.of());
    }

    private static Map<String, Object> randomDocument(Random random) {
        List<Object> statements = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int s = 0; s < count; s++) {
            List<String> actions = new ArrayList<>();
            for (int a = 0; a < 1 + random.nextInt(4); a++) {
                actions.add(SERVICES[random.nextInt(SERVICES.length)] + ":" + VERBS[random.nextInt(VERBS.length)]);
            }
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("Sid", "S" + s);
            st.put("Effect", random.nextInt(10) == 0 ? "Deny" : "Allow");
            st.put("Action", actions);
            st.put("Resource", List.of(random.nextBoolean() ? "*"
                    : "arn:aws:s3:::bucket-" + random.nextInt(50) + "/*"));
            if (random.nextInt(5) == 0) {
                st.put("Condition", Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", List.of("true"))));
            }
            statements.add(st);
        }
        return Map.of("Version", "2012-10-17", "Statement", statements);
    }

    private static Map<String, Object> usage(Random random) {
        List<Object> sla = new ArrayList<>();
        for (String service : SERVICES) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("serviceNamespace", service);
            entry.put("lastAuthenticated", random.nextInt(3) == 0 ? null : "2026-1" + random.nextInt(2)
                    + "-0" + (1 + random.nextInt(9)) + "T00:00:00Z");
            sla.add(entry);
        }
        return Map.of("serviceLastAccessed", sla);
    }

    private static <T> List<T> pick(Random random, List<T> from, int n) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            T t = from.get(random.nextInt(from.size()));
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
