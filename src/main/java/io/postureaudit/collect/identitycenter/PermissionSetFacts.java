package io.postureaudit.collect.identitycenter;

import java.util.List;
import software.amazon.awssdk.services.ssoadmin.model.AttachedManagedPolicy;
import software.amazon.awssdk.services.ssoadmin.model.CustomerManagedPolicyReference;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSet;
import software.amazon.awssdk.services.ssoadmin.model.PermissionsBoundary;
import software.amazon.awssdk.services.ssoadmin.model.Tag;

/** What was read about one permission set; lists are empty when a gap kept them from being read. */
public record PermissionSetFacts(String instanceArn, PermissionSet permissionSet,
        List<AttachedManagedPolicy> awsManagedPolicies, List<CustomerManagedPolicyReference> customerManagedPolicies,
        String inlinePolicy, PermissionsBoundary permissionsBoundary, List<String> provisionedAccounts,
        List<Tag> tags) {
}
