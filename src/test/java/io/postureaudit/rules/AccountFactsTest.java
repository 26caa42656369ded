package io.postureaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.postureaudit.collect.CollectedResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Account-wide facts are derived from the batch and never overwrite what the caller put in the account map. */
class AccountFactsTest {

    private static CollectedResource resource(String type, String arn, Map<String, Object> data) {
        return new CollectedResource(arn, type, "111111111111", "global", arn, data, Map.of());
    }

    @Test
    void shouldCountTypesAndCollectAssignedSetsAndManagedPoliciesInUseWhenEnriching() {
        List<CollectedResource> batch = List.of(
                resource("identitycenter.assignment", "a1", Map.of("permissionSetArn", "ps-2")),
                resource("identitycenter.assignment", "a2", Map.of("permissionSetArn", "ps-1")),
                resource("identitycenter.assignment", "a3", Map.of("permissionSetArn", "ps-2")),
                resource("iam.policy", "p1", Map.of("policyName", "AWSSupportAccess", "awsManaged", true, "attachmentCount", 1)),
                resource("iam.policy", "p2", Map.of("policyName", "ReadOnlyAccess", "awsManaged", true, "attachmentCount", 0)),
                resource("iam.policy", "p3", Map.of("policyName", "mine", "awsManaged", false, "attachmentCount", 3)));
        Map<String, Object> out = AccountFacts.enrich(Map.of("id", "111111111111", "name", "dev"), batch);
        assertEquals(Map.of("identitycenter.assignment", 3L, "iam.policy", 3L), out.get("resourceCounts"));
        assertEquals(List.of("ps-1", "ps-2"), out.get("assignedPermissionSets"));
        assertEquals(List.of("AWSSupportAccess"), out.get("awsManagedPoliciesInUse"));
        assertEquals("dev", out.get("name"));

        Map<String, Object> given = AccountFacts.enrich(Map.of("id", "1", "assignedPermissionSets", List.of("x")), batch);
        assertEquals(List.of("x"), given.get("assignedPermissionSets"));
    }

    @Test
    void shouldListVirtualMfaUsersOnlyWhenTheDevicesWereRead() {
        Map<String, Object> device = new java.util.HashMap<>();
        device.put("serialNumber", "arn:aws:iam::111111111111:mfa/aoi");
        device.put("userArn", "arn:aws:iam::111111111111:user/aoi");
        Map<String, Object> unassigned = new java.util.HashMap<>();
        unassigned.put("serialNumber", "arn:aws:iam::111111111111:mfa/spare");
        unassigned.put("userArn", null);
        List<CollectedResource> read = List.of(resource("iam.account", "arn:aws:iam::111111111111:root",
                Map.of("accountId", "111111111111", "virtualMfaDevices", List.of(device, unassigned))));
        assertEquals(List.of("arn:aws:iam::111111111111:user/aoi"),
                AccountFacts.enrich(Map.of("id", "111111111111"), read).get("virtualMfaUsers"));

        List<CollectedResource> notRead = List.of(resource("iam.account", "arn:aws:iam::111111111111:root",
                Map.of("accountId", "111111111111")));
        assertEquals(false, AccountFacts.enrich(Map.of("id", "111111111111"), notRead).containsKey("virtualMfaUsers"));
    }
}
