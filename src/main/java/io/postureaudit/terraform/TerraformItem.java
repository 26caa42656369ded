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

    /**
     * Whether a status counts towards IaC coverage: resources AWS manages itself and state entries with no live
     * resource are neither covered nor uncovered.
     */
    public static boolean countsForCoverage(String status) {
        return !AWS_MANAGED.equals(status) && !MISSING.equals(status);
    }

    /** Whether a counted status is covered by Terraform (managed, changed or not). */
    public static boolean covered(String status) {
        return countsForCoverage(status) && !UNMANAGED.equals(status);
    }
}
