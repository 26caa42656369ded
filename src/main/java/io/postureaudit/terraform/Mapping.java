package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.terraform.StateInstance;
import java.util.List;
import java.util.function.BiFunction;

/**
 * How one Terraform resource type lands on the inventory.
 *
 * @param liveType the inventory type it describes, e.g. {@code iam.role} for {@code aws_iam_role_policy}
 * @param primary  whether the type creates that resource ({@code aws_iam_role}) rather than a part of it
 *                 ({@code aws_iam_role_policy}); only a primary makes a resource managed, or missing when gone
 * @param arns     the ARNs it describes: for a primary from the state alone; for a part resolved in the account
 *                 (empty when its parent is not live there)
 * @param diffs    where the live resource differs from the instance
 */
record Mapping(String liveType, boolean primary, BiFunction<StateInstance, LiveIndex, List<String>> arns,
        Comparer diffs) {

    /** Compares one instance with the live resource it describes; the index answers questions about the account. */
    @FunctionalInterface
    interface Comparer {
        List<FieldDiff> compare(StateInstance instance, CollectedResource live, LiveIndex index);
    }

    /** A comparer that needs only the two sides. */
    static Comparer simple(BiFunction<StateInstance, CollectedResource, List<FieldDiff>> diffs) {
        return (i, live, index) -> diffs.apply(i, live);
    }

    static Mapping primary(String liveType, BiFunction<StateInstance, CollectedResource, List<FieldDiff>> diffs) {
        return new Mapping(liveType, true, (i, live) -> i.text("arn") == null ? List.of() : List.of(i.text("arn")),
                simple(diffs));
    }

    static Mapping part(String liveType, BiFunction<StateInstance, LiveIndex, List<String>> arns,
            BiFunction<StateInstance, CollectedResource, List<FieldDiff>> diffs) {
        return new Mapping(liveType, false, arns, simple(diffs));
    }
}
