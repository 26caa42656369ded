package io.postureaudit.rules;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.iam.IamFields;
import io.postureaudit.collect.identitycenter.IdentityCenterFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Account-wide facts derived from one account's collected resources, added to the {@code account} variable:
 * {@code resourceCounts} (type → count), {@code assignedPermissionSets} (ARNs of Identity Center permission
 * sets with at least one assignment) and {@code awsManagedPoliciesInUse} (names of AWS managed policies attached
 * to at least one identity), and, when the account's virtual MFA devices were listed, {@code virtualMfaUsers}
 * (ARNs of users with a virtual MFA device assigned). Rules judge one resource at a time; these let a rule see what it cannot
 * see from that resource alone, without fetching anything.
 */
public final class AccountFacts {

    private AccountFacts() {
    }

    public static Map<String, Object> enrich(Map<String, Object> account, List<CollectedResource> resources) {
        Map<String, Object> out = new LinkedHashMap<>(account);
        Map<String, Long> counts = new TreeMap<>();
        TreeSet<String> assigned = new TreeSet<>();
        TreeSet<String> managedInUse = new TreeSet<>();
        TreeSet<String> virtualMfaUsers = null;
        for (CollectedResource r : resources) {
            counts.merge(r.type(), 1L, Long::sum);
            if (ResourceTypes.IDC_ASSIGNMENT.equals(r.type()) && r.data() != null
                    && r.data().get(IdentityCenterFields.PERMISSION_SET_ARN) instanceof String arn) {
                assigned.add(arn);
            }
            if (ResourceTypes.IAM_POLICY.equals(r.type()) && r.data() != null
                    && Boolean.TRUE.equals(r.data().get(IamFields.AWS_MANAGED))
                    && r.data().get(IamFields.ATTACHMENT_COUNT) instanceof Number n && n.longValue() > 0) {
                managedInUse.add(String.valueOf(r.data().get(IamFields.POLICY_NAME)));
            }
            // Absent when ListVirtualMFADevices was not read: unknown, so rules that need it stay silent.
            if (ResourceTypes.IAM_ACCOUNT.equals(r.type()) && r.data() != null
                    && r.data().get(IamFields.VIRTUAL_MFA_DEVICES) instanceof List<?> devices) {
                virtualMfaUsers = new TreeSet<>();
                for (Object d : devices) {
                    if (d instanceof Map<?, ?> device && device.get(IamFields.USER_ARN) instanceof String userArn) {
                        virtualMfaUsers.add(userArn);
                    }
                }
            }
        }
        out.putIfAbsent("resourceCounts", counts);
        out.putIfAbsent("assignedPermissionSets", List.copyOf(assigned));
        out.putIfAbsent("awsManagedPoliciesInUse", List.copyOf(managedInUse));
        if (virtualMfaUsers != null) {
            out.putIfAbsent("virtualMfaUsers", List.copyOf(virtualMfaUsers));
        }
        return out;
    }
}
