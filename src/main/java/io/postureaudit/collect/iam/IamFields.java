package io.postureaudit.collect.iam;

/**
 * Key names of the {@code iam.*} resources' {@code data} and {@code observed} maps that other packages read (the
 * policy resolver, account facts, principal analysis). docs/resource-types.md documents each; IamNormaliser writes
 * them with these same constants, so a rename is one edit and the readers follow.
 */
public final class IamFields {

    public static final String ARN = "arn";
    public static final String USER_NAME = "userName";
    public static final String GROUP_NAME = "groupName";
    public static final String ROLE_NAME = "roleName";
    public static final String POLICY_NAME = "policyName";
    public static final String POLICY_ARN = "policyArn";
    public static final String GROUPS = "groups";
    public static final String ATTACHED_POLICIES = "attachedPolicies";
    public static final String INLINE_POLICIES = "inlinePolicies";
    /** A policy document (an inline entry's, or an {@code iam.policy}'s default version), decoded; null if unreadable. */
    public static final String DOCUMENT = "document";
    public static final String PERMISSIONS_BOUNDARY = "permissionsBoundary";
    public static final String ASSUME_ROLE_POLICY = "assumeRolePolicy";
    /** Documents the collector could not decode: {@code [{"field", "error"}]}. */
    public static final String POLICY_ERRORS = "policyErrors";
    public static final String POLICY_ERROR_FIELD = "field";
    public static final String POLICY_ERROR = "error";
    public static final String AWS_MANAGED = "awsManaged";
    public static final String ATTACHMENT_COUNT = "attachmentCount";
    public static final String CREATE_DATE = "createDate";
    public static final String VIRTUAL_MFA_DEVICES = "virtualMfaDevices";
    public static final String USER_ARN = "userArn";
    /** The credential report's row of a user (data), and its usage dates (observed). */
    public static final String CREDENTIALS = "credentials";
    public static final String SERVICE_LAST_ACCESSED = "serviceLastAccessed";
    public static final String ROLE_LAST_USED = "roleLastUsed";
    public static final String LAST_USED_DATE = "lastUsedDate";

    private IamFields() {
    }
}
