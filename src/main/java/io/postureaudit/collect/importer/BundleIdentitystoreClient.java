package io.postureaudit.collect.importer;

import java.util.Set;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.ListGroupMembershipsRequest;
import software.amazon.awssdk.services.identitystore.model.ListGroupMembershipsResponse;
import software.amazon.awssdk.services.identitystore.model.ListGroupsRequest;
import software.amazon.awssdk.services.identitystore.model.ListGroupsResponse;
import software.amazon.awssdk.services.identitystore.model.ListUsersRequest;
import software.amazon.awssdk.services.identitystore.model.ListUsersResponse;

/**
 * {@code identitystore:*@region} outputs as an {@link IdentitystoreClient}: users and groups per region (one
 * instance, one store), memberships per group, named by their entries or {@code @request.GroupId}.
 */
final class BundleIdentitystoreClient extends BundleClient implements IdentitystoreClient {

    static final Set<String> OPERATIONS = Set.of("identitystore:ListUsers", "identitystore:ListGroups",
            "identitystore:ListGroupMemberships");
    private static final BundleCalls.Key GROUP = BundleCalls.Key.of("GroupId", "GroupId")
            .listedBy("ListGroups", "GroupId");

    BundleIdentitystoreClient(Bundle bundle, String region) {
        super(bundle, "identitystore", region, SERVICE_NAME);
    }

    @Override
    public ListUsersResponse listUsers(ListUsersRequest request) {
        return calls.answer("ListUsers", request, ListUsersResponse::builder);
    }

    @Override
    public ListGroupsResponse listGroups(ListGroupsRequest request) {
        return calls.answer("ListGroups", request, ListGroupsResponse::builder);
    }

    @Override
    public ListGroupMembershipsResponse listGroupMemberships(ListGroupMembershipsRequest request) {
        ListGroupMembershipsResponse page = calls.answer("ListGroupMemberships", request,
                ListGroupMembershipsResponse::builder, GROUP);
        return page.toBuilder().groupMemberships(page.groupMemberships().stream()
                .filter(m -> m.groupId() == null || m.groupId().equals(request.groupId())).toList()).build();
    }
}
