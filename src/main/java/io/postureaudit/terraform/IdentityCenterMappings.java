package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.terraform.StateInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AWS provider's IAM Identity Center ({@code aws_ssoadmin_*}) resource types. */
final class IdentityCenterMappings {

    private IdentityCenterMappings() {
    }

    static void register(Map<String, Mapping> into) {
        into.put("aws_ssoadmin_permission_set", Mapping.primary(ResourceTypes.IDC_PERMISSION_SET, (i, live) -> Diffs
                .of(i).same("/sessionDuration", i.text("session_duration"), live.data().get("sessionDuration"), true)
                .same("/relayState", i.text("relay_state"), live.data().get("relayState"), false)
                .same("/description", i.text("description"), live.data().get("description"), false).list()));
        into.put("aws_ssoadmin_managed_policy_attachment", part((i, live) -> Diffs.of(i)
                .holds("/awsManagedPolicies", i.text("managed_policy_arn"),
                        Values.pluck(live.data().get("awsManagedPolicies"), "arn"), true).list()));
        into.put("aws_ssoadmin_customer_managed_policy_attachment", part((i, live) -> {
            Map<String, Object> ref = reference(Values.block(i.attributes().get("customer_managed_policy_reference")));
            return Diffs.of(i).holds("/customerManagedPolicies", ref,
                    Values.list(live.data().get("customerManagedPolicies")).stream()
                            .map(p -> reference(Values.map(p))).toList(), true).list();
        }));
        into.put("aws_ssoadmin_permission_set_inline_policy", part((i, live) -> Diffs.of(i)
                .policy("/inlinePolicy", i.text("inline_policy"), live.data().get("inlinePolicy")).list()));
        into.put("aws_ssoadmin_permissions_boundary_attachment", part((i, live) -> Diffs.of(i)
                .same("/permissionsBoundary", boundary(Values.block(i.attributes().get("permissions_boundary"))),
                        boundary(Values.map(live.data().get("permissionsBoundary"))), true).list()));
        into.put("aws_ssoadmin_account_assignment", new Mapping(ResourceTypes.IDC_ASSIGNMENT, true,
                (i, index) -> i.text("permission_set_arn") == null ? List.of() : List.of(assignmentArn(i)),
                Mapping.simple((i, live) -> List.of())));
    }

    private static Mapping part(java.util.function.BiFunction<StateInstance, CollectedResource, List<FieldDiff>> diffs) {
        return Mapping.part(ResourceTypes.IDC_PERMISSION_SET, (i, index) -> index.get(i.text("permission_set_arn"))
                .map(r -> List.of(r.arn())).orElse(List.of()), diffs);
    }

    /** The inventory's assignment ARN (see {@code IdentityCenterNormaliser.assignmentArn}). */
    static String assignmentArn(StateInstance i) {
        return i.text("permission_set_arn") + "/assignment/" + i.text("target_id") + "/" + i.text("principal_type")
                + "/" + i.text("principal_id");
    }

    private static Map<String, Object> reference(Map<String, Object> ref) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", ref.get("name"));
        Object path = ref.get("path");
        out.put("path", path == null || String.valueOf(path).isEmpty() ? "/" : path);
        return out;
    }

    /** State's {@code {managed_policy_arn, customer_managed_policy_reference: [{…}]}} and live's shape, alike. */
    private static Object boundary(Map<String, Object> b) {
        Object managed = b.containsKey("managed_policy_arn") ? b.get("managed_policy_arn") : b.get("managedPolicyArn");
        if (managed != null && !String.valueOf(managed).isEmpty()) {
            return Map.of("managedPolicyArn", managed);
        }
        Map<String, Object> ref = b.containsKey("customer_managed_policy_reference")
                ? Values.block(b.get("customer_managed_policy_reference"))
                : Values.map(b.get("customerManagedPolicyReference"));
        return ref.isEmpty() ? null : Map.of("customerManagedPolicyReference", reference(ref));
    }
}
