package io.postureaudit.policy.catalog;

import java.util.List;

/**
 * One IAM action as the Service Authorization Reference describes it.
 *
 * @param index         position in the catalogue; action sets are bit sets over these positions
 * @param resourceTypes resource types the action works on; a trailing {@code *} marks a required one
 */
public record ActionInfo(int index, String service, String name, AccessLevel level, List<String> resourceTypes,
        List<String> conditionKeys) {

    /** {@code service:Name}, as written in policies. */
    public String id() {
        return service + ":" + name;
    }

    /** True when the action works on no resource type, so only {@code "Resource": "*"} can grant it. */
    public boolean resourceless() {
        return resourceTypes.isEmpty();
    }
}
