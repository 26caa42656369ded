package io.postureaudit.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WAFv2 over JSON 1.1 ({@code AWSWAF_20190729.*}). Web ACLs, rule groups and IP sets are fixtures in the API's
 * own shape, per scope (REGIONAL, CLOUDFRONT); pages use NextMarker. Missing logging answers
 * WAFNonexistentItemException, as AWS does.
 */
public final class FakeWafv2 extends FakeJsonService {

    /** One account's WAF content in one region. */
    public static final class Region {
        public final Map<String, List<ObjectNode>> webAcls = new LinkedHashMap<>();
        public final Map<String, List<ObjectNode>> ruleGroups = new LinkedHashMap<>();
        public final Map<String, List<ObjectNode>> ipSets = new LinkedHashMap<>();
        /** Logging configuration by web ACL ARN. */
        public final Map<String, ObjectNode> logging = new LinkedHashMap<>();
        /** Associated resource ARNs by web ACL ARN and resource type. */
        public final Map<String, Map<String, List<String>>> associations = new LinkedHashMap<>();
    }

    public FakeWafv2() {
        super("wafv2", "AWSWAF_20190729");
    }

    public Region region(String accountId, String region) {
        return state(accountId, region, Region::new);
    }

    /** A web ACL with default action ALLOW and no rules; callers add rules to {@code Rules}. */
    public ObjectNode webAcl(String accountId, String region, String scope, String name) {
        String id = "a" + Integer.toHexString(name.hashCode()) + "-0000-4000-8000-000000000000";
        String arn = "arn:aws:wafv2:" + (scope.equals("CLOUDFRONT") ? "us-east-1" : region) + ":" + accountId + ":"
                + (scope.equals("CLOUDFRONT") ? "global" : "regional") + "/webacl/" + name + "/" + id;
        ObjectNode acl = JSON.createObjectNode().put("Name", name).put("Id", id).put("ARN", arn)
                .put("Description", "").put("Capacity", 0).put("ManagedByFirewallManager", false)
                .put("LabelNamespace", "awswaf:" + accountId + ":webacl:" + name + ":");
        acl.putObject("DefaultAction").putObject("Allow");
        acl.putArray("Rules");
        acl.putObject("VisibilityConfig").put("SampledRequestsEnabled", true).put("CloudWatchMetricsEnabled", true)
                .put("MetricName", name);
        Region r = region(accountId, region);
        synchronized (r) {
            r.webAcls.computeIfAbsent(scope, k -> new ArrayList<>()).add(acl);
        }
        return acl;
    }

    public ObjectNode ruleGroup(String accountId, String region, String scope, String name) {
        String id = "b" + Integer.toHexString(name.hashCode()) + "-0000-4000-8000-000000000000";
        ObjectNode group = JSON.createObjectNode().put("Name", name).put("Id", id)
                .put("ARN", "arn:aws:wafv2:" + region + ":" + accountId + ":regional/rulegroup/" + name + "/" + id)
                .put("Capacity", 50).put("Description", "");
        group.putArray("Rules");
        group.putObject("VisibilityConfig").put("SampledRequestsEnabled", true)
                .put("CloudWatchMetricsEnabled", true).put("MetricName", name);
        Region r = region(accountId, region);
        synchronized (r) {
            r.ruleGroups.computeIfAbsent(scope, k -> new ArrayList<>()).add(group);
        }
        return group;
    }

    public ObjectNode ipSet(String accountId, String region, String scope, String name, String... addresses) {
        String id = "c" + Integer.toHexString(name.hashCode()) + "-0000-4000-8000-000000000000";
        ObjectNode set = JSON.createObjectNode().put("Name", name).put("Id", id)
                .put("ARN", "arn:aws:wafv2:" + region + ":" + accountId + ":regional/ipset/" + name + "/" + id)
                .put("IPAddressVersion", "IPV4").put("Description", "");
        var list = set.putArray("Addresses");
        for (String a : addresses) {
            list.add(a);
        }
        Region r = region(accountId, region);
        synchronized (r) {
            r.ipSets.computeIfAbsent(scope, k -> new ArrayList<>()).add(set);
        }
        return set;
    }

    @Override
    protected Object answer(String operation, JsonNode body, FakeRequest request) {
        Region region = region(request.accountId(), request.region());
        synchronized (region) {
            return switch (operation) {
                case "ListWebACLs" -> summaries(region.webAcls, body, "WebACLs");
                case "ListRuleGroups" -> summaries(region.ruleGroups, body, "RuleGroups");
                case "ListIPSets" -> summaries(region.ipSets, body, "IPSets");
                case "GetWebACL" -> JSON.createObjectNode().put("LockToken", "lock-1")
                        .set("WebACL", find(region.webAcls, body));
                case "GetRuleGroup" -> JSON.createObjectNode().put("LockToken", "lock-1")
                        .set("RuleGroup", find(region.ruleGroups, body));
                case "GetIPSet" -> JSON.createObjectNode().put("LockToken", "lock-1")
                        .set("IPSet", find(region.ipSets, body));
                case "GetLoggingConfiguration" -> {
                    ObjectNode logging = region.logging.get(text(body, "ResourceArn"));
                    if (logging == null) {
                        throw new AwsFault(400, "WAFNonexistentItemException",
                                "AWS WAF couldn’t perform the operation because your resource doesn’t exist.");
                    }
                    yield JSON.createObjectNode().set("LoggingConfiguration", logging);
                }
                case "ListResourcesForWebACL" -> {
                    String type = body.has("ResourceType") ? body.get("ResourceType").asText()
                            : "APPLICATION_LOAD_BALANCER";
                    List<String> arns = region.associations.getOrDefault(text(body, "WebACLArn"), Map.of())
                            .getOrDefault(type, List.of());
                    ObjectNode out = JSON.createObjectNode();
                    out.set("ResourceArns", JSON.valueToTree(arns));
                    yield out;
                }
                default -> throw unknown(operation);
            };
        }
    }

    private ObjectNode summaries(Map<String, List<ObjectNode>> byScope, JsonNode body, String listKey) {
        List<ObjectNode> summaries = byScope.getOrDefault(text(body, "Scope"), List.of()).stream()
                .map(n -> JSON.createObjectNode().put("Name", n.get("Name").asText()).put("Id", n.get("Id").asText())
                        .put("ARN", n.get("ARN").asText()).put("Description", "").put("LockToken", "lock-1"))
                .toList();
        ObjectNode out = paged(summaries, body, "NextMarker", "Limit", listKey);
        return out;
    }

    private static ObjectNode find(Map<String, List<ObjectNode>> byScope, JsonNode body) {
        String id = text(body, "Id");
        String name = text(body, "Name");
        return byScope.getOrDefault(text(body, "Scope"), List.of()).stream()
                .filter(n -> n.get("Id").asText().equals(id) && n.get("Name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AwsFault(400, "WAFNonexistentItemException",
                        "AWS WAF couldn’t perform the operation because your resource doesn’t exist."));
    }
}
