package io.postureaudit.policy;

import io.postureaudit.collect.CollectedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds collected resources in the exact shapes the collectors emit, for analyser tests. */
public final class Inventory {

    public static final String ACCOUNT = "111122223333";
    private final List<CollectedResource> resources = new ArrayList<>();

    public List<CollectedResource> resources() {
        return resources;
    }

    public static Map<String, Object> document(String singleQuotedJson) {
        return TestPolicies.toMap(singleQuotedJson);
    }

    public Inventory policy(String account, String name, boolean awsManaged, Map<String, Object> document) {
        String arn = awsManaged ? "arn:aws:iam::aws:policy/" + name : "arn:aws:iam::" + account + ":policy/" + name;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("policyName", name);
        data.put("arn", arn);
        data.put("path", "/");
        data.put("awsManaged", awsManaged);
        data.put("document", document);
        resources.add(new CollectedResource(arn, "iam.policy", account, "global", name, data, Map.of()));
        return this;
    }

    public static Map<String, Object> attached(String arn) {
        return Map.of("policyName", arn.substring(arn.lastIndexOf('/') + 1), "policyArn", arn);
    }

    public static Map<String, Object> inline(String name, Map<String, Object> document) {
        return Map.of("policyName", name, "document", document);
    }

    public Inventory group(String account, String name, List<Map<String, Object>> attached,
            List<Map<String, Object>> inline) {
        String arn = "arn:aws:iam::" + account + ":group/" + name;
        resources.add(new CollectedResource(arn, "iam.group", account, "global", name, Map.of("groupName", name,
                "arn", arn, "path", "/", "attachedPolicies", attached, "inlinePolicies", inline), Map.of()));
        return this;
    }

    public Inventory user(String account, String name, Map<String, Object> extra, Map<String, Object> observed) {
        String arn = "arn:aws:iam::" + account + ":user/" + name;
        Map<String, Object> data = new LinkedHashMap<>(Map.of("userName", name, "arn", arn, "path", "/",
                "createDate", "2024-01-01T00:00:00Z", "groups", List.of(), "attachedPolicies", List.of(),
                "inlinePolicies", List.of()));
        data.putAll(extra);
        resources.add(new CollectedResource(arn, "iam.user", account, "global", name, data, observed));
        return this;
    }

    public Inventory role(String account, String name, Map<String, Object> trust, Map<String, Object> extra,
            Map<String, Object> observed) {
        String arn = "arn:aws:iam::" + account + ":role/" + name;
        Map<String, Object> data = new LinkedHashMap<>(Map.of("roleName", name, "arn", arn, "path", "/",
                "createDate", "2024-01-01T00:00:00Z", "assumeRolePolicy", trust, "attachedPolicies", List.of(),
                "inlinePolicies", List.of()));
        data.putAll(extra);
        resources.add(new CollectedResource(arn, "iam.role", account, "global", name, data, observed));
        return this;
    }

    public Inventory permissionSet(String name, Map<String, Object> data) {
        String arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-" + name;
        Map<String, Object> all = new LinkedHashMap<>(Map.of("name", name, "arn", arn, "instanceArn",
                "arn:aws:sso:::instance/ssoins-1", "awsManagedPolicies", List.of(), "customerManagedPolicies",
                List.of(), "provisionedAccounts", List.of()));
        all.putAll(data);
        resources.add(new CollectedResource(arn, "identitycenter.permission-set", ACCOUNT, "us-east-1", name, all,
                Map.of()));
        return this;
    }
}
