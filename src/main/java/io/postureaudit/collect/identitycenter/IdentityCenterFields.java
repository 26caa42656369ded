package io.postureaudit.collect.identitycenter;

/**
 * Key names of the {@code identitycenter.*} resources' {@code data} maps that other packages read (the policy
 * resolver, account facts, principal analysis). docs/resource-types.md documents each; IdentityCenterNormaliser
 * writes them with these same constants.
 */
public final class IdentityCenterFields {

    public static final String NAME = "name";
    public static final String ARN = "arn";
    public static final String PATH = "path";
    public static final String AWS_MANAGED_POLICIES = "awsManagedPolicies";
    public static final String CUSTOMER_MANAGED_POLICIES = "customerManagedPolicies";
    public static final String INLINE_POLICY = "inlinePolicy";
    public static final String PERMISSIONS_BOUNDARY = "permissionsBoundary";
    public static final String CUSTOMER_MANAGED_POLICY_REFERENCE = "customerManagedPolicyReference";
    public static final String MANAGED_POLICY_ARN = "managedPolicyArn";
    public static final String PROVISIONED_ACCOUNTS = "provisionedAccounts";
    public static final String PERMISSION_SET_ARN = "permissionSetArn";
    public static final String ACCOUNT_ID = "accountId";
    public static final String PRINCIPAL_TYPE = "principalType";
    public static final String PRINCIPAL_ID = "principalId";
    public static final String PRINCIPAL_NAME = "principalName";
    public static final String GROUP_ID = "groupId";
    public static final String MEMBERS = "members";
    public static final String USER_ID = "userId";
    public static final String USER_NAME = "userName";

    private IdentityCenterFields() {
    }
}
