package io.postureaudit.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SSO admin over JSON 1.1 ({@code SWBExternalService.*}, signing name {@code sso}): instances, permission sets
 * with their policies and provisioned accounts, and account assignments, per account and region.
 */
public final class FakeSsoAdmin extends FakeJsonService {

    /** One permission set and what hangs off it. */
    public static final class PermissionSet {
        public final ObjectNode description;
        public final List<ObjectNode> managedPolicies = new ArrayList<>();
        public final List<ObjectNode> customerPolicies = new ArrayList<>();
        public String inlinePolicy = "";
        public ObjectNode boundary;
        public final List<String> accounts = new ArrayList<>();
        public final List<ObjectNode> tags = new ArrayList<>();
        /** Assignments by account id: [{PrincipalType, PrincipalId}]. */
        public final Map<String, List<ObjectNode>> assignments = new LinkedHashMap<>();

        PermissionSet(ObjectNode description) {
            this.description = description;
        }

        public String arn() {
            return description.get("PermissionSetArn").asText();
        }

        public PermissionSet managed(String name) {
            managedPolicies.add(JSON.createObjectNode().put("Name", name).put("Arn", "arn:aws:iam::aws:policy/" + name));
            return this;
        }

        public PermissionSet assign(String accountId, String principalType, String principalId) {
            if (!accounts.contains(accountId)) {
                accounts.add(accountId);
            }
            assignments.computeIfAbsent(accountId, k -> new ArrayList<>()).add(JSON.createObjectNode()
                    .put("AccountId", accountId).put("PermissionSetArn", arn()).put("PrincipalType", principalType)
                    .put("PrincipalId", principalId));
            return this;
        }
    }

    /** One instance in one account and region. */
    public static final class Instance {
        public final ObjectNode metadata;
        public final List<PermissionSet> permissionSets = new ArrayList<>();

        Instance(ObjectNode metadata) {
            this.metadata = metadata;
        }

        public String arn() {
            return metadata.get("InstanceArn").asText();
        }

        public PermissionSet permissionSet(String name, String sessionDuration) {
            String id = "ps-" + String.format("%016x", (long) name.hashCode() & 0xffffffffL);
            ObjectNode d = JSON.createObjectNode().put("Name", name).put("Description", name + " access").put("CreatedDate", 1700000000.0)
                    .put("SessionDuration", sessionDuration);
            d.put("PermissionSetArn", "arn:aws:sso:::permissionSet/" + arn().substring(arn().lastIndexOf('/') + 1)
                    + "/" + id);
            PermissionSet ps = new PermissionSet(d);
            synchronized (this) {
                permissionSets.add(ps);
            }
            return ps;
        }
    }

    public FakeSsoAdmin() {
        super("sso", "SWBExternalService");
    }

    @SuppressWarnings("unchecked")
    public List<Instance> instances(String accountId, String region) {
        return state(accountId, region, () -> new ArrayList<Instance>());
    }

    public Instance instance(String accountId, String region, String instanceId, String storeId) {
        ObjectNode m = JSON.createObjectNode().put("InstanceArn", "arn:aws:sso:::instance/" + instanceId)
                .put("IdentityStoreId", storeId).put("OwnerAccountId", accountId).put("Name", "main")
                .put("Status", "ACTIVE").put("CreatedDate", 1690000000.0);
        Instance instance = new Instance(m);
        List<Instance> list = instances(accountId, region);
        synchronized (list) {
            list.add(instance);
        }
        return instance;
    }

    @Override
    protected Object answer(String operation, JsonNode body, FakeRequest request) {
        List<Instance> instances = instances(request.accountId(), request.region());
        if (operation.equals("ListInstances")) {
            synchronized (instances) {
                return paged(instances.stream().map(i -> i.metadata).toList(), body, "NextToken", "MaxResults",
                        "Instances");
            }
        }
        Instance instance = instances.stream().filter(i -> i.arn().equals(text(body, "InstanceArn"))).findFirst()
                .orElseThrow(() -> new AwsFault(400, "ResourceNotFoundException", "instance "
                        + body.get("InstanceArn") + " not found"));
        if (operation.equals("ListPermissionSets")) {
            synchronized (instance) {
                return paged(instance.permissionSets.stream().map(PermissionSet::arn).toList(), body, "NextToken",
                        "MaxResults", "PermissionSets");
            }
        }
        String psArn = operation.equals("ListTagsForResource") ? text(body, "ResourceArn")
                : text(body, "PermissionSetArn");
        PermissionSet ps;
        synchronized (instance) {
            ps = instance.permissionSets.stream().filter(p -> p.arn().equals(psArn)).findFirst()
                    .orElseThrow(() -> new AwsFault(400, "ResourceNotFoundException", "permission set " + psArn
                            + " not found"));
        }
        return switch (operation) {
            case "DescribePermissionSet" -> JSON.createObjectNode().set("PermissionSet", ps.description);
            case "ListManagedPoliciesInPermissionSet" -> paged(ps.managedPolicies, body, "NextToken", "MaxResults",
                    "AttachedManagedPolicies");
            case "ListCustomerManagedPolicyReferencesInPermissionSet" -> paged(ps.customerPolicies, body, "NextToken",
                    "MaxResults", "CustomerManagedPolicyReferences");
            case "GetInlinePolicyForPermissionSet" -> JSON.createObjectNode().put("InlinePolicy", ps.inlinePolicy);
            case "GetPermissionsBoundaryForPermissionSet" -> {
                if (ps.boundary == null) {
                    throw new AwsFault(400, "ResourceNotFoundException", "Permissions boundary not found for " + psArn);
                }
                yield JSON.createObjectNode().set("PermissionsBoundary", ps.boundary);
            }
            case "ListAccountsForProvisionedPermissionSet" -> paged(ps.accounts, body, "NextToken", "MaxResults",
                    "AccountIds");
            case "ListTagsForResource" -> paged(ps.tags, body, "NextToken", "MaxResults", "Tags");
            case "ListAccountAssignments" -> paged(ps.assignments.getOrDefault(text(body, "AccountId"), List.of()),
                    body, "NextToken", "MaxResults", "AccountAssignments");
            default -> throw unknown(operation);
        };
    }
}
