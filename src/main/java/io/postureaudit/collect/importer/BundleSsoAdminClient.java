package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignment;
import software.amazon.awssdk.services.ssoadmin.model.DescribePermissionSetRequest;
import software.amazon.awssdk.services.ssoadmin.model.DescribePermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.GetInlinePolicyForPermissionSetRequest;
import software.amazon.awssdk.services.ssoadmin.model.GetInlinePolicyForPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.GetPermissionsBoundaryForPermissionSetRequest;
import software.amazon.awssdk.services.ssoadmin.model.GetPermissionsBoundaryForPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListAccountAssignmentsRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListAccountAssignmentsResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListAccountsForProvisionedPermissionSetRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListAccountsForProvisionedPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListCustomerManagedPolicyReferencesInPermissionSetRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListCustomerManagedPolicyReferencesInPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListInstancesRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListInstancesResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListManagedPoliciesInPermissionSetRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListManagedPoliciesInPermissionSetResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListPermissionSetsRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListPermissionSetsResponse;
import software.amazon.awssdk.services.ssoadmin.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ssoadmin.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;

/**
 * {@code sso-admin:*@region} outputs as an {@link SsoAdminClient}. Per permission set outputs carry
 * {@code @request.PermissionSetArn} unless the instance has one set. GetPermissionsBoundaryForPermissionSet fails
 * in the CLI when a set has no boundary, so with the key present a set without an output has none
 * (ResourceNotFoundException, as AWS answers); tags are optional.
 */
final class BundleSsoAdminClient extends BundleClient implements SsoAdminClient {

    static final Set<String> OPERATIONS = Set.of("sso-admin:ListInstances", "sso-admin:ListPermissionSets",
            "sso-admin:DescribePermissionSet", "sso-admin:ListManagedPoliciesInPermissionSet",
            "sso-admin:ListCustomerManagedPolicyReferencesInPermissionSet",
            "sso-admin:GetInlinePolicyForPermissionSet", "sso-admin:GetPermissionsBoundaryForPermissionSet",
            "sso-admin:ListAccountsForProvisionedPermissionSet", "sso-admin:ListTagsForResource",
            "sso-admin:ListAccountAssignments");
    private static final BundleCalls.Key INSTANCE = BundleCalls.Key.of("InstanceArn", null)
            .listedBy("ListInstances", "InstanceArn");
    private static final BundleCalls.Key SET = BundleCalls.Key.of("PermissionSetArn", "PermissionSetArn")
            .listedBy("ListPermissionSets", "PermissionSets");
    private static final BundleCalls.Key TAGGED = BundleCalls.Key.of("ResourceArn", null)
            .listedBy("ListPermissionSets", "PermissionSets");

    BundleSsoAdminClient(Bundle bundle, String region) {
        super(bundle, "sso-admin", region, SERVICE_NAME);
    }

    @Override
    public ListInstancesResponse listInstances(ListInstancesRequest request) {
        return calls.answer("ListInstances", request, ListInstancesResponse::builder);
    }

    @Override
    public ListPermissionSetsResponse listPermissionSets(ListPermissionSetsRequest request) {
        return calls.answer("ListPermissionSets", request, ListPermissionSetsResponse::builder, INSTANCE);
    }

    @Override
    public DescribePermissionSetResponse describePermissionSet(DescribePermissionSetRequest request) {
        return calls.answer("DescribePermissionSet", request, DescribePermissionSetResponse::builder, SET);
    }

    @Override
    public ListManagedPoliciesInPermissionSetResponse listManagedPoliciesInPermissionSet(
            ListManagedPoliciesInPermissionSetRequest request) {
        return calls.answer("ListManagedPoliciesInPermissionSet", request,
                ListManagedPoliciesInPermissionSetResponse::builder, SET);
    }

    @Override
    public ListCustomerManagedPolicyReferencesInPermissionSetResponse listCustomerManagedPolicyReferencesInPermissionSet(
            ListCustomerManagedPolicyReferencesInPermissionSetRequest request) {
        return calls.answer("ListCustomerManagedPolicyReferencesInPermissionSet", request,
                ListCustomerManagedPolicyReferencesInPermissionSetResponse::builder, SET);
    }

    @Override
    public GetInlinePolicyForPermissionSetResponse getInlinePolicyForPermissionSet(
            GetInlinePolicyForPermissionSetRequest request) {
        return calls.answer("GetInlinePolicyForPermissionSet", request,
                GetInlinePolicyForPermissionSetResponse::builder, SET);
    }

    @Override
    public GetPermissionsBoundaryForPermissionSetResponse getPermissionsBoundaryForPermissionSet(
            GetPermissionsBoundaryForPermissionSetRequest request) {
        String operation = "GetPermissionsBoundaryForPermissionSet";
        if (!calls.has(operation)) {
            throw calls.notInBundle(operation, request.permissionSetArn());
        }
        List<JsonNode> mine = calls.optional(operation, request, SET);
        if (mine.isEmpty()) {
            throw ResourceNotFoundException.builder().statusCode(400)
                    .message("The permission set has no permissions boundary.")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
                            .serviceName("SSO Admin").build()).build();
        }
        return calls.read(operation, mine.get(0), GetPermissionsBoundaryForPermissionSetResponse::builder);
    }

    @Override
    public ListAccountsForProvisionedPermissionSetResponse listAccountsForProvisionedPermissionSet(
            ListAccountsForProvisionedPermissionSetRequest request) {
        return calls.answer("ListAccountsForProvisionedPermissionSet", request,
                ListAccountsForProvisionedPermissionSetResponse::builder, SET);
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return calls.page("ListTagsForResource", request, calls.optional("ListTagsForResource", request, TAGGED),
                ListTagsForResourceResponse::builder);
    }

    /**
     * Entries name their set and account (or the output's {@code @request} does); all pages in one answer. A set
     * and account no output names is a gap: the CLI prints an output, if empty, for every call it was allowed.
     */
    @Override
    public ListAccountAssignmentsResponse listAccountAssignments(ListAccountAssignmentsRequest request) {
        String operation = "ListAccountAssignments";
        if (!calls.has(operation)) {
            throw calls.notInBundle(operation, request.permissionSetArn() + " in account " + request.accountId());
        }
        List<AccountAssignment> mine = new ArrayList<>();
        boolean answered = false;
        for (JsonNode output : calls.outputs(operation)) {
            JsonNode given = output.path(Bundle.REQUEST);
            answered |= request.permissionSetArn().equals(given.path("PermissionSetArn").asText(null))
                    && request.accountId().equals(given.path("AccountId").asText(null));
            for (AccountAssignment a : calls.read(operation, output, ListAccountAssignmentsResponse::builder)
                    .accountAssignments()) {
                String set = a.permissionSetArn() != null ? a.permissionSetArn()
                        : given.path("PermissionSetArn").asText(null);
                String account = a.accountId() != null ? a.accountId() : given.path("AccountId").asText(null);
                if (request.permissionSetArn().equals(set) && request.accountId().equals(account)) {
                    answered = true;
                    mine.add(a.toBuilder().permissionSetArn(set).accountId(account).build());
                }
            }
        }
        if (!answered) {
            throw calls.notInBundle(operation, request.permissionSetArn() + " in account " + request.accountId());
        }
        return ListAccountAssignmentsResponse.builder().accountAssignments(mine).build();
    }
}
