package io.postureaudit.terraform;

import java.util.List;

/**
 * How one resource stands against Terraform.
 *
 * @param address the state instance that creates it; null for unmanaged and aws-managed resources
 * @param status  one of {@link #MANAGED}, {@link #CHANGED}, {@link #UNMANAGED}, {@link #MISSING}, {@link #AWS_MANAGED}
 */
public record TerraformItem(String accountId, String resourceType, String resourceArn, String address,
        String status, List<FieldDiff> fields) {

    public static final String MANAGED = "managed";
    public static final String CHANGED = "changed";
    public static final String UNMANAGED = "unmanaged";
    public static final String MISSING = "missing";
    public static final String AWS_MANAGED = "aws-managed";

    public TerraformItem {
        fields = List.copyOf(fields);
    }
}
