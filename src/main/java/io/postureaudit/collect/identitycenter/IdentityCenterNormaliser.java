package io.postureaudit.collect.identitycenter;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.Dates;
import io.postureaudit.collect.PolicyDocuments;
import io.postureaudit.collect.ResourceTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.identitystore.model.Group;
import software.amazon.awssdk.services.identitystore.model.User;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignment;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSet;
import software.amazon.awssdk.services.ssoadmin.model.PermissionsBoundary;

/**
 * IAM Identity Center instances, permission sets, assignments, users and groups as contract resources; shared by
 * the live and import paths. The shapes here are read by the policy engine: keep them stable.
 */
public final class IdentityCenterNormaliser {

    /** Nothing Identity Center reports in data moves on its own. */
    static final Map<String, List<String>> NOISY_FIELDS = Map.of();

    private IdentityCenterNormaliser() {
    }

    public static String userArn(String userId) {
        return "arn:aws:identitystore:::user/" + userId;
    }

    public static String groupArn(String groupId) {
        return "arn:aws:identitystore:::group/" + groupId;
    }

    /** Assignments have no ARN of their own; this one is stable and names all four parts. */
    public static String assignmentArn(AccountAssignment a) {
        return a.permissionSetArn() + "/assignment/" + a.accountId() + "/" + a.principalTypeAsString() + "/"
                + a.principalId();
    }

    public static CollectedResource instance(InstanceMetadata i, String accountId, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instanceArn", i.instanceArn());
        data.put("identityStoreId", i.identityStoreId());
        data.put("ownerAccountId", i.ownerAccountId());
        data.put("name", i.name());
        data.put("status", i.statusAsString());
        data.put("createdDate", Dates.iso(i.createdDate()));
        return new CollectedResource(i.instanceArn(), ResourceTypes.IDC_INSTANCE, accountId, region,
                i.name() == null ? i.instanceArn() : i.name(), data, Map.of());
    }

    public static CollectedResource permissionSet(PermissionSetFacts facts, CollectionContext context) {
        PermissionSet ps = facts.permissionSet();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", ps.name());
        data.put("arn", ps.permissionSetArn());
        data.put("instanceArn", facts.instanceArn());
        data.put("description", ps.description());
        data.put("sessionDuration", ps.sessionDuration());
        data.put("relayState", ps.relayState());
        data.put("createdDate", Dates.iso(ps.createdDate()));
        List<Object> aws = new ArrayList<>();
        facts.awsManagedPolicies().forEach(p -> aws.add(Map.of("name", p.name(), "arn", p.arn())));
        data.put(IdentityCenterFields.AWS_MANAGED_POLICIES, aws);
        List<Object> customer = new ArrayList<>();
        facts.customerManagedPolicies().forEach(p -> customer.add(Map.of("name", p.name(),
                "path", p.path() == null ? "/" : p.path())));
        data.put(IdentityCenterFields.CUSTOMER_MANAGED_POLICIES, customer);
        data.put(IdentityCenterFields.INLINE_POLICY, inline(facts.inlinePolicy(), ps.permissionSetArn(), context));
        data.put(IdentityCenterFields.PERMISSIONS_BOUNDARY, boundary(facts.permissionsBoundary()));
        data.put(IdentityCenterFields.PROVISIONED_ACCOUNTS, facts.provisionedAccounts().stream().sorted().toList());
        Map<String, String> tags = new LinkedHashMap<>();
        facts.tags().forEach(t -> tags.put(t.key(), t.value()));
        data.put("tags", tags);
        return new CollectedResource(ps.permissionSetArn(), ResourceTypes.IDC_PERMISSION_SET, context.accountId(),
                context.region(), ps.name(), data, Map.of());
    }

    private static Object inline(String text, String arn, CollectionContext context) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return PolicyDocuments.decode(text);
        } catch (PolicyDocuments.MalformedPolicyException e) {
            context.gap("GetInlinePolicyForPermissionSet", "MalformedPolicy: inline policy of " + arn + " at "
                    + e.getMessage(), arn);
            return null;
        }
    }

    private static Object boundary(PermissionsBoundary b) {
        if (b == null) {
            return null;
        }
        if (b.customerManagedPolicyReference() != null) {
            var ref = b.customerManagedPolicyReference();
            return Map.of("customerManagedPolicyReference", Map.of("name", ref.name(),
                    "path", ref.path() == null ? "/" : ref.path()));
        }
        return b.managedPolicyArn() == null ? null : Map.of("managedPolicyArn", b.managedPolicyArn());
    }

    /** {@code names} maps principal ids to user or group names; an unknown id keeps a null name. */
    public static CollectedResource assignment(String instanceArn, AccountAssignment a, String permissionSetName,
            Map<String, String> names, String accountId, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instanceArn", instanceArn);
        data.put(IdentityCenterFields.PERMISSION_SET_ARN, a.permissionSetArn());
        data.put("permissionSetName", permissionSetName);
        data.put("accountId", a.accountId());
        data.put(IdentityCenterFields.PRINCIPAL_TYPE, a.principalTypeAsString());
        data.put(IdentityCenterFields.PRINCIPAL_ID, a.principalId());
        data.put(IdentityCenterFields.PRINCIPAL_NAME, names.get(a.principalId()));
        String name = (permissionSetName == null ? a.permissionSetArn() : permissionSetName) + " → "
                + (names.getOrDefault(a.principalId(), a.principalId())) + " @ " + a.accountId();
        return new CollectedResource(assignmentArn(a), ResourceTypes.IDC_ASSIGNMENT, accountId, region, name, data,
                Map.of());
    }

    public static CollectedResource user(User u, String accountId, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(IdentityCenterFields.USER_ID, u.userId());
        data.put(IdentityCenterFields.USER_NAME, u.userName());
        data.put("displayName", u.displayName());
        data.put("identityStoreId", u.identityStoreId());
        Map<String, Object> name = new LinkedHashMap<>();
        if (u.name() != null) {
            name.put("givenName", u.name().givenName());
            name.put("familyName", u.name().familyName());
        }
        data.put("name", name);
        List<Object> emails = new ArrayList<>();
        u.emails().forEach(e -> {
            Map<String, Object> email = new LinkedHashMap<>();
            email.put("value", e.value());
            email.put("type", e.type());
            email.put("primary", Boolean.TRUE.equals(e.primary()));
            emails.add(email);
        });
        data.put("emails", emails);
        List<Object> external = new ArrayList<>();
        u.externalIds().forEach(x -> external.add(Map.of("issuer", x.issuer(), "id", x.id())));
        data.put("externalIds", external);
        return new CollectedResource(userArn(u.userId()), ResourceTypes.IDC_USER, accountId, region, u.userName(),
                data, Map.of());
    }

    /** {@code members} are user ids; {@code userNames} resolves them. */
    public static CollectedResource group(Group g, List<String> members, Map<String, String> userNames,
            String accountId, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(IdentityCenterFields.GROUP_ID, g.groupId());
        data.put("displayName", g.displayName());
        data.put("description", g.description());
        data.put("identityStoreId", g.identityStoreId());
        List<Object> out = new ArrayList<>();
        members.stream().sorted().forEach(id -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(IdentityCenterFields.USER_ID, id);
            m.put(IdentityCenterFields.USER_NAME, userNames.get(id));
            out.add(m);
        });
        data.put(IdentityCenterFields.MEMBERS, out);
        return new CollectedResource(groupArn(g.groupId()), ResourceTypes.IDC_GROUP, accountId, region,
                g.displayName(), data, Map.of());
    }
}
