package io.postureaudit.collect.identitycenter;

import io.postureaudit.collect.AwsErrors;
import io.postureaudit.collect.Calls;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.Fanout;
import io.postureaudit.collect.ServiceCollector;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.Group;
import software.amazon.awssdk.services.identitystore.model.User;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.PermissionsBoundary;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;

/**
 * IAM Identity Center in every scanned region (an instance lives in one home region; elsewhere ListInstances is
 * empty): instances, permission sets with their policies and provisioned accounts, account assignments, and the
 * identity store's users, groups and memberships so that assignments name people.
 */
@ApplicationScoped
public class IdentityCenterCollector implements ServiceCollector {

    private final int concurrency;

    /** One ListAccountAssignments call to make: a permission set in one account it is provisioned to. */
    private record AssignmentWork(String permissionSetArn, String permissionSetName, String accountId) {
    }

    @Inject
    public IdentityCenterCollector(PostureConfig config) {
        this(config.aws().maxConcurrency());
    }

    public IdentityCenterCollector(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public java.util.Map<String, java.util.List<String>> noisyFields() {
        return IdentityCenterNormaliser.NOISY_FIELDS;
    }

    @Override
    public String service() {
        return "identitycenter";
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    @Override
    public void collect(CollectionContext context) {
        SsoAdminClient sso = context.aws().ssoAdmin(context.region());
        List<InstanceMetadata> instances = Calls.scope(context, "ListInstances",
                () -> sso.listInstancesPaginator(r -> r.maxResults(100)).instances().stream().toList()).orElse(null);
        if (instances == null) {
            return;
        }
        for (InstanceMetadata instance : instances) {
            context.add(IdentityCenterNormaliser.instance(instance, context.accountId(), context.region()));
            Map<String, String> names = identityStore(context.aws().identityStore(context.region()),
                    instance.identityStoreId(), context);
            permissionSets(sso, instance.instanceArn(), names, context);
        }
    }

    /** Users and groups with memberships; returns principal id → user or group name for assignments. */
    private Map<String, String> identityStore(IdentitystoreClient store, String storeId, CollectionContext context) {
        Map<String, String> names = new ConcurrentHashMap<>();
        List<User> users = Calls.scope(context, "ListUsers",
                () -> store.listUsersPaginator(r -> r.identityStoreId(storeId).maxResults(100)).users().stream()
                        .toList()).orElse(List.of());
        Map<String, String> userNames = new ConcurrentHashMap<>();
        for (User u : users) {
            userNames.put(u.userId(), u.userName());
            context.add(IdentityCenterNormaliser.user(u, context.accountId(), context.region()));
        }
        names.putAll(userNames);
        List<Group> groups = Calls.scope(context, "ListGroups",
                () -> store.listGroupsPaginator(r -> r.identityStoreId(storeId).maxResults(100)).groups().stream()
                        .toList()).orElse(List.of());
        Fanout.each(groups, concurrency, g -> {
            names.put(g.groupId(), g.displayName());
            Calls.resource(context, "ListGroupMemberships", IdentityCenterNormaliser.groupArn(g.groupId()),
                    () -> store.listGroupMembershipsPaginator(r -> r.identityStoreId(storeId).groupId(g.groupId())
                            .maxResults(100)).groupMemberships().stream()
                            .filter(m -> m.memberId() != null && m.memberId().userId() != null)
                            .map(m -> m.memberId().userId()).toList())
                    .ifPresent(members -> context.add(IdentityCenterNormaliser.group(g, members, userNames,
                            context.accountId(), context.region())));
        });
        return names;
    }

    private void permissionSets(SsoAdminClient sso, String instanceArn, Map<String, String> names,
            CollectionContext context) {
        List<String> arns = Calls.scope(context, "ListPermissionSets",
                () -> sso.listPermissionSetsPaginator(r -> r.instanceArn(instanceArn).maxResults(100))
                        .permissionSets().stream().toList()).orElse(List.of());
        List<AssignmentWork> assignmentWork = Collections.synchronizedList(new ArrayList<>());
        Fanout.each(arns, concurrency, arn -> {
            PermissionSetFacts facts = permissionSet(sso, instanceArn, arn, context);
            if (facts != null) {
                context.add(IdentityCenterNormaliser.permissionSet(facts, context));
                facts.provisionedAccounts().forEach(account -> assignmentWork.add(
                        new AssignmentWork(arn, facts.permissionSet().name(), account)));
            }
        });
        Fanout.each(List.copyOf(assignmentWork), concurrency, work -> {
            String psArn = work.permissionSetArn();
            String account = work.accountId();
            Calls.resource(context, "ListAccountAssignments", psArn,
                    () -> sso.listAccountAssignmentsPaginator(r -> r.instanceArn(instanceArn).accountId(account)
                            .permissionSetArn(psArn).maxResults(100)).accountAssignments().stream().toList())
                    .ifPresent(list -> list.forEach(a -> context.add(IdentityCenterNormaliser.assignment(instanceArn,
                            a, work.permissionSetName(), names, context.accountId(), context.region()))));
        });
    }

    private PermissionSetFacts permissionSet(SsoAdminClient sso, String instanceArn, String arn,
            CollectionContext context) {
        var ps = Calls.resource(context, "DescribePermissionSet", arn,
                () -> sso.describePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(arn)).permissionSet())
                .orElse(null);
        if (ps == null) {
            return null;
        }
        var aws = Calls.resource(context, "ListManagedPoliciesInPermissionSet", arn,
                () -> sso.listManagedPoliciesInPermissionSetPaginator(r -> r.instanceArn(instanceArn)
                        .permissionSetArn(arn)).attachedManagedPolicies().stream().toList()).orElse(List.of());
        var customer = Calls.resource(context, "ListCustomerManagedPolicyReferencesInPermissionSet", arn,
                () -> sso.listCustomerManagedPolicyReferencesInPermissionSetPaginator(r -> r.instanceArn(instanceArn)
                        .permissionSetArn(arn)).customerManagedPolicyReferences().stream().toList()).orElse(List.of());
        String inline = Calls.resource(context, "GetInlinePolicyForPermissionSet", arn,
                () -> sso.getInlinePolicyForPermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(arn))
                        .inlinePolicy()).orElse(null);
        PermissionsBoundary boundary = null;
        try {
            boundary = sso.getPermissionsBoundaryForPermissionSet(r -> r.instanceArn(instanceArn)
                    .permissionSetArn(arn)).permissionsBoundary();
        } catch (ResourceNotFoundException e) {
            boundary = null; // no boundary attached: a fact, not a gap
        } catch (SdkException e) {
            context.gap("GetPermissionsBoundaryForPermissionSet", AwsErrors.describe(e), arn);
        }
        var accounts = Calls.resource(context, "ListAccountsForProvisionedPermissionSet", arn,
                () -> sso.listAccountsForProvisionedPermissionSetPaginator(r -> r.instanceArn(instanceArn)
                        .permissionSetArn(arn)).accountIds().stream().toList()).orElse(List.of());
        var tags = Calls.resource(context, "ListTagsForResource", arn,
                () -> sso.listTagsForResourcePaginator(r -> r.instanceArn(instanceArn).resourceArn(arn)).tags()
                        .stream().toList()).orElse(List.of());
        return new PermissionSetFacts(instanceArn, ps, aws, customer, inline, boundary, accounts, tags);
    }
}
