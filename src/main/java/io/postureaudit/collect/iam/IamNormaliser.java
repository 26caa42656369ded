package io.postureaudit.collect.iam;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.PolicyDocuments;
import io.postureaudit.collect.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * Turns IAM's SDK models into the normalised maps rules read. A malformed policy document becomes a gap for
 * that one resource (and a {@code policyErrors} entry), never a crash.
 */
final class IamNormaliser {

    /**
     * Data fields that move without a configuration change: a policy's attachment and version counters and its
     * update date follow edits that show up elsewhere (the document, the principal's attachments); the next
     * password rotation date is derived from the password policy; the account summary counts entities (users,
     * policies, ...) whose own changes are recorded.
     */
    static final Map<String, List<String>> NOISY_FIELDS = Map.of(
            ResourceTypes.IAM_POLICY, List.of("/attachmentCount", "/permissionsBoundaryUsageCount", "/versionCount",
                    "/updateDate"),
            ResourceTypes.IAM_USER, List.of("/credentials/passwordNextRotation"),
            ResourceTypes.IAM_ACCOUNT, List.of("/summary"));

    private final CollectionContext context;

    IamNormaliser(CollectionContext context) {
        this.context = context;
    }

    Map<String, Object> user(UserDetail user) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        data.put(IamFields.USER_NAME, user.userName());
        data.put("userId", user.userId());
        data.put(IamFields.ARN, user.arn());
        data.put("path", user.path());
        data.put(IamFields.CREATE_DATE, iso(user.createDate()));
        data.put(IamFields.GROUPS, List.copyOf(user.groupList()));
        data.put(IamFields.ATTACHED_POLICIES, attached(user.attachedManagedPolicies()));
        data.put(IamFields.INLINE_POLICIES, inline(user.arn(), user.userPolicyList(), errors));
        boundary(user.permissionsBoundary(), data);
        data.put("tags", tags(user.tags()));
        finish(user.arn(), data, errors);
        return data;
    }

    CollectedResource group(GroupDetail group) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        data.put(IamFields.GROUP_NAME, group.groupName());
        data.put("groupId", group.groupId());
        data.put(IamFields.ARN, group.arn());
        data.put("path", group.path());
        data.put(IamFields.CREATE_DATE, iso(group.createDate()));
        data.put(IamFields.ATTACHED_POLICIES, attached(group.attachedManagedPolicies()));
        data.put(IamFields.INLINE_POLICIES, inline(group.arn(), group.groupPolicyList(), errors));
        finish(group.arn(), data, errors);
        return resource(group.arn(), ResourceTypes.IAM_GROUP, group.groupName(), data, Map.of());
    }

    CollectedResource role(RoleDetail role) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        data.put(IamFields.ROLE_NAME, role.roleName());
        data.put("roleId", role.roleId());
        data.put(IamFields.ARN, role.arn());
        data.put("path", role.path());
        data.put(IamFields.CREATE_DATE, iso(role.createDate()));
        data.put(IamFields.ASSUME_ROLE_POLICY, document(role.arn(), "assumeRolePolicy", role.assumeRolePolicyDocument(), errors));
        data.put(IamFields.ATTACHED_POLICIES, attached(role.attachedManagedPolicies()));
        data.put(IamFields.INLINE_POLICIES, inline(role.arn(), role.rolePolicyList(), errors));
        boundary(role.permissionsBoundary(), data);
        data.put("tags", tags(role.tags()));
        data.put("instanceProfiles", role.instanceProfileList().stream().map(p -> p.instanceProfileName()).toList());
        finish(role.arn(), data, errors);
        Map<String, Object> observed = new LinkedHashMap<>();
        if (role.roleLastUsed() != null) {
            Map<String, Object> lastUsed = new LinkedHashMap<>();
            lastUsed.put(IamFields.LAST_USED_DATE, iso(role.roleLastUsed().lastUsedDate()));
            lastUsed.put("region", role.roleLastUsed().region());
            observed.put(IamFields.ROLE_LAST_USED, lastUsed);
        }
        return resource(role.arn(), ResourceTypes.IAM_ROLE, role.roleName(), data, observed);
    }

    CollectedResource policy(ManagedPolicyDetail policy) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        data.put(IamFields.POLICY_NAME, policy.policyName());
        data.put("policyId", policy.policyId());
        data.put(IamFields.ARN, policy.arn());
        data.put("path", policy.path());
        data.put(IamFields.AWS_MANAGED, policy.arn().startsWith("arn:aws:iam::aws:"));
        data.put("defaultVersionId", policy.defaultVersionId());
        String text = policy.policyVersionList().stream()
                .filter(v -> Boolean.TRUE.equals(v.isDefaultVersion()))
                .map(PolicyVersion::document).findFirst().orElse(null);
        data.put(IamFields.DOCUMENT, document(policy.arn(), "document", text, errors));
        data.put("versionCount", policy.policyVersionList().size());
        data.put(IamFields.ATTACHMENT_COUNT, policy.attachmentCount());
        data.put("permissionsBoundaryUsageCount", policy.permissionsBoundaryUsageCount());
        data.put("isAttachable", policy.isAttachable());
        data.put(IamFields.CREATE_DATE, iso(policy.createDate()));
        data.put("updateDate", iso(policy.updateDate()));
        finish(policy.arn(), data, errors);
        return resource(policy.arn(), ResourceTypes.IAM_POLICY, policy.policyName(), data, Map.of());
    }

    private CollectedResource resource(String arn, String type, String name, Map<String, Object> data,
            Map<String, Object> observed) {
        return new CollectedResource(arn, type, context.accountId(), ResourceTypes.GLOBAL_REGION, name, data, observed);
    }

    private List<Map<String, Object>> inline(String arn, List<PolicyDetail> policies, List<Map<String, Object>> errors) {
        List<Map<String, Object>> inline = new ArrayList<>();
        for (PolicyDetail policy : policies) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(IamFields.POLICY_NAME, policy.policyName());
            entry.put(IamFields.DOCUMENT, document(arn, "inlinePolicies[" + policy.policyName() + "]", policy.policyDocument(), errors));
            inline.add(entry);
        }
        return inline;
    }

    private Map<String, Object> document(String arn, String field, String text, List<Map<String, Object>> errors) {
        if (text == null) {
            return null;
        }
        try {
            return PolicyDocuments.decode(text);
        } catch (PolicyDocuments.MalformedPolicyException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put(IamFields.POLICY_ERROR_FIELD, field);
            error.put(IamFields.POLICY_ERROR, e.getMessage());
            errors.add(error);
            context.gap("GetAccountAuthorizationDetails", "Malformed policy document in " + field + " of " + arn
                    + ": " + e.getMessage(), arn);
            return null;
        }
    }

    private static void finish(String arn, Map<String, Object> data, List<Map<String, Object>> errors) {
        if (!errors.isEmpty()) {
            data.put(IamFields.POLICY_ERRORS, errors);
        }
    }

    private static List<Map<String, Object>> attached(List<AttachedPolicy> policies) {
        return policies.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(IamFields.POLICY_NAME, p.policyName());
            m.put(IamFields.POLICY_ARN, p.policyArn());
            return m;
        }).toList();
    }

    private static void boundary(AttachedPermissionsBoundary boundary, Map<String, Object> data) {
        if (boundary != null && boundary.permissionsBoundaryArn() != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", boundary.permissionsBoundaryTypeAsString());
            m.put(IamFields.ARN, boundary.permissionsBoundaryArn());
            data.put(IamFields.PERMISSIONS_BOUNDARY, m);
        }
    }

    private static Map<String, Object> tags(List<Tag> tags) {
        Map<String, Object> m = new LinkedHashMap<>();
        tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    /**
     * Finishes a user with what the credential report and service last accessed know of it.
     *
     * @param report null when the report could not be read (then {@code credentials} stays absent: unknown)
     */
    CollectedResource finishUser(Map<String, Object> user, CredentialReport report,
            Map<String, List<Map<String, Object>>> lastAccessed) {
        String arn = (String) user.get("arn");
        Map<String, Object> observed = new LinkedHashMap<>();
        if (report != null) {
            report.user(arn).ifPresent(row -> {
                user.put(IamFields.CREDENTIALS, row.credentials());
                observed.putAll(row.usage());
            });
        }
        if (lastAccessed.containsKey(arn)) {
            observed.put(IamFields.SERVICE_LAST_ACCESSED, lastAccessed.get(arn));
        }
        return resource(arn, ResourceTypes.IAM_USER, (String) user.get("userName"), user, observed);
    }

    /** The {@code iam.account} resource: root credentials from the report plus the account's own facts. */
    CollectedResource account(CredentialReport report, Map<String, Object> accountFacts) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("accountId", context.accountId());
        data.put("accountName", context.account().name());
        data.putAll(accountFacts);
        Map<String, Object> observed = new LinkedHashMap<>();
        if (report != null) {
            report.root().ifPresent(row -> {
                data.put("root", row.credentials());
                observed.put("root", row.usage());
            });
        }
        return resource("arn:aws:iam::" + context.accountId() + ":root", ResourceTypes.IAM_ACCOUNT,
                context.account().name(), data, observed);
    }

    /** Adds service-last-accessed data to a principal's volatile facts, when there is any for it. */
    static CollectedResource withLastAccessed(CollectedResource r, Map<String, List<Map<String, Object>>> lastAccessed) {
        if (!lastAccessed.containsKey(r.arn())) {
            return r;
        }
        Map<String, Object> observed = new LinkedHashMap<>(r.observed());
        observed.put(IamFields.SERVICE_LAST_ACCESSED, lastAccessed.get(r.arn()));
        return new CollectedResource(r.arn(), r.type(), r.accountId(), r.region(), r.name(), r.data(), observed);
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
