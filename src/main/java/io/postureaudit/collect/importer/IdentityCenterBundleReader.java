package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.identitycenter.IdentityCenterNormaliser;
import io.postureaudit.collect.identitycenter.PermissionSetFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.identitystore.model.Group;
import software.amazon.awssdk.services.identitystore.model.ListGroupMembershipsResponse;
import software.amazon.awssdk.services.identitystore.model.ListGroupsResponse;
import software.amazon.awssdk.services.identitystore.model.ListUsersResponse;
import software.amazon.awssdk.services.identitystore.model.User;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignment;
import software.amazon.awssdk.services.ssoadmin.model.DescribePermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.GetInlinePolicyForPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.GetPermissionsBoundaryForPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.ListAccountAssignmentsResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListAccountsForProvisionedPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListCustomerManagedPolicyReferencesInPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListInstancesResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListManagedPoliciesInPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListPermissionSetsResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSet;
import software.amazon.awssdk.services.ssoadmin.model.PermissionsBoundary;

/**
 * {@code sso-admin:*@region} and {@code identitystore:*@region} calls → Identity Center resources. Per permission
 * set calls are matched by {@code @request.PermissionSetArn}; GetPermissionsBoundaryForPermissionSet fails in the
 * CLI when there is no boundary, so a set missing from a present key has none.
 */
public final class IdentityCenterBundleReader implements BundleReader {

    private static final String SSO = "sso-admin";

    @Override
    public String service() {
        return "identitycenter";
    }

    @Override
    public java.util.Set<String> operations() {
        return java.util.Set.of("sso-admin:ListInstances", "sso-admin:ListPermissionSets", "sso-admin:DescribePermissionSet", "sso-admin:ListManagedPoliciesInPermissionSet", "sso-admin:ListCustomerManagedPolicyReferencesInPermissionSet", "sso-admin:GetInlinePolicyForPermissionSet", "sso-admin:GetPermissionsBoundaryForPermissionSet", "sso-admin:ListAccountsForProvisionedPermissionSet", "sso-admin:ListTagsForResource", "sso-admin:ListAccountAssignments", "identitystore:ListUsers", "identitystore:ListGroups", "identitystore:ListGroupMemberships");
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    @Override
    public void read(Bundle bundle, CollectionContext context) {
        String region = context.region();
        List<JsonNode> pages = bundle.required(context, SSO, "ListInstances", region, null);
        if (pages == null) {
            return;
        }
        List<InstanceMetadata> instances = BundleReader.flatten(pages, p -> Bundle.read(p,
                ListInstancesResponse::builder), ListInstancesResponse::instances);
        for (InstanceMetadata instance : instances) {
            context.add(IdentityCenterNormaliser.instance(instance, context.accountId(), region));
            Map<String, String> names = identityStore(bundle, context, instance.identityStoreId());
            permissionSets(bundle, context, instance.instanceArn(), instances.size() == 1, names);
        }
    }

    private static Map<String, String> identityStore(Bundle bundle, CollectionContext context, String storeId) {
        String region = context.region();
        Map<String, String> names = new HashMap<>();
        Map<String, String> userNames = new HashMap<>();
        List<JsonNode> users = bundle.required(context, "identitystore", "ListUsers", region, null);
        if (users != null) {
            for (User u : BundleReader.flatten(users, p -> Bundle.read(p, ListUsersResponse::builder),
                    ListUsersResponse::users)) {
                userNames.put(u.userId(), u.userName());
                context.add(IdentityCenterNormaliser.user(u, context.accountId(), region));
            }
        }
        names.putAll(userNames);
        List<JsonNode> groups = bundle.required(context, "identitystore", "ListGroups", region, null);
        if (groups == null) {
            return names;
        }
        List<Group> all = BundleReader.flatten(groups, p -> Bundle.read(p, ListGroupsResponse::builder),
                ListGroupsResponse::groups);
        for (Group g : all) {
            names.put(g.groupId(), g.displayName());
            String arn = IdentityCenterNormaliser.groupArn(g.groupId());
            List<JsonNode> memberships = BundleReader.perResource(bundle, context, "identitystore",
                    "ListGroupMemberships", "GroupId", g.groupId(), arn,
                    o -> BundleReader.anyNames(o.path("GroupMemberships"), "GroupId", g.groupId()), all.size() == 1);
            if (memberships != null) {
                List<String> members = BundleReader.flatten(memberships, p -> Bundle.read(p,
                        ListGroupMembershipsResponse::builder), ListGroupMembershipsResponse::groupMemberships).stream()
                        .filter(m -> g.groupId().equals(m.groupId()) || m.groupId() == null)
                        .filter(m -> m.memberId() != null && m.memberId().userId() != null)
                        .map(m -> m.memberId().userId()).toList();
                context.add(IdentityCenterNormaliser.group(g, members, userNames, context.accountId(), region));
            }
        }
        return names;
    }

    private static void permissionSets(Bundle bundle, CollectionContext context, String instanceArn,
            boolean onlyInstance, Map<String, String> names) {
        String region = context.region();
        List<JsonNode> pages = BundleReader.perResource(bundle, context, SSO, "ListPermissionSets", "InstanceArn",
                instanceArn, instanceArn, o -> false, onlyInstance);
        if (pages == null) {
            return;
        }
        List<String> arns = BundleReader.flatten(pages, p -> Bundle.read(p, ListPermissionSetsResponse::builder),
                ListPermissionSetsResponse::permissionSets);
        Map<String, PermissionSet> described = new HashMap<>();
        bundle.outputs(SSO, "DescribePermissionSet", region).forEach(o -> {
            PermissionSet ps = Bundle.read(o, DescribePermissionSetResponse::builder).permissionSet();
            described.put(ps.permissionSetArn(), ps);
        });
        boolean boundariesRead = bundle.has(SSO, "GetPermissionsBoundaryForPermissionSet", region);
        List<AccountAssignment> assignments = BundleReader.flatten(bundle.outputs(SSO, "ListAccountAssignments",
                region), p -> Bundle.read(p, ListAccountAssignmentsResponse::builder),
                ListAccountAssignmentsResponse::accountAssignments);
        boolean single = arns.size() == 1;
        for (String arn : arns) {
            PermissionSet ps = described.get(arn);
            if (ps == null) {
                context.gap("DescribePermissionSet", "NotInBundle: the import has no \"" + SSO
                        + ":DescribePermissionSet@" + region + "\" output for " + arn, arn);
                continue;
            }
            var aws = list(bundle, context, "ListManagedPoliciesInPermissionSet", arn, single,
                    p -> Bundle.read(p, ListManagedPoliciesInPermissionSetResponse::builder).attachedManagedPolicies());
            var customer = list(bundle, context, "ListCustomerManagedPolicyReferencesInPermissionSet", arn, single,
                    p -> Bundle.read(p, ListCustomerManagedPolicyReferencesInPermissionSetResponse::builder)
                            .customerManagedPolicyReferences());
            var inline = BundleReader.perResource(bundle, context, SSO, "GetInlinePolicyForPermissionSet",
                    "PermissionSetArn", arn, arn, o -> false, single);
            PermissionsBoundary boundary = null;
            if (boundariesRead) {
                boundary = Bundle.forResource(bundle.outputs(SSO, "GetPermissionsBoundaryForPermissionSet", region),
                        "PermissionSetArn", arn, o -> false, false).stream().findFirst()
                        .map(o -> Bundle.read(o, GetPermissionsBoundaryForPermissionSetResponse::builder)
                                .permissionsBoundary()).orElse(null);
            } else {
                context.gap("GetPermissionsBoundaryForPermissionSet", "NotInBundle: the import has no \"" + SSO
                        + ":GetPermissionsBoundaryForPermissionSet@" + region + "\"", arn);
            }
            var accounts = list(bundle, context, "ListAccountsForProvisionedPermissionSet", arn, single,
                    p -> Bundle.read(p, ListAccountsForProvisionedPermissionSetResponse::builder).accountIds());
            var tags = Bundle.forResource(bundle.outputs(SSO, "ListTagsForResource", region), "ResourceArn", arn,
                    o -> false, single).stream().flatMap(o -> Bundle.read(o, ListTagsForResourceResponse::builder)
                            .tags().stream()).toList();
            context.add(IdentityCenterNormaliser.permissionSet(new PermissionSetFacts(instanceArn, ps, aws, customer,
                    inline == null ? null : Bundle.read(inline.get(0), GetInlinePolicyForPermissionSetResponse::builder)
                            .inlinePolicy(), boundary, accounts, tags), context));
            if (!accounts.isEmpty() && !bundle.has(SSO, "ListAccountAssignments", region)) {
                context.gap("ListAccountAssignments", "NotInBundle: the import has no \"" + SSO
                        + ":ListAccountAssignments@" + region + "\" for " + arn, arn);
            }
            for (AccountAssignment a : assignments) {
                if (arn.equals(a.permissionSetArn())) {
                    context.add(IdentityCenterNormaliser.assignment(instanceArn, a, ps.name(), names,
                            context.accountId(), region));
                }
            }
        }
    }

    private static <T> List<T> list(Bundle bundle, CollectionContext context, String operation, String arn,
            boolean single, java.util.function.Function<JsonNode, List<T>> items) {
        List<JsonNode> pages = BundleReader.perResource(bundle, context, SSO, operation, "PermissionSetArn", arn, arn,
                o -> false, single);
        List<T> all = new ArrayList<>();
        if (pages != null) {
            pages.forEach(p -> all.addAll(items.apply(p)));
        }
        return all;
    }
}
