package io.postureaudit.drift;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.policy.effective.PrincipalPolicies;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Who holds a managed policy in a snapshot (as an identity policy or as a permissions boundary), or stands in for it. */
final class Holders {

    private Holders() {
    }

    /**
     * Policy ARN → the principals holding it: attached directly or through a group, or as a boundary; for a permission
     * set, a customer managed reference as the ARN it resolves to in each account the set is provisioned to.
     */
    static Map<String, Set<String>> byPolicy(List<PrincipalPolicies> principals) {
        Map<String, Set<String>> holders = new HashMap<>();
        for (PrincipalPolicies p : principals) {
            p.managedArns().forEach(arn -> holders.computeIfAbsent(arn, k -> new TreeSet<>()).add(p.arn()));
            Object boundary = p.source().data().get("permissionsBoundary");
            if (boundary instanceof Map<?, ?> b && b.get("arn") != null) {
                holders.computeIfAbsent(b.get("arn").toString(), k -> new TreeSet<>()).add(p.arn());
            } else if (boundary instanceof Map<?, ?> b && b.get("customerManagedPolicyReference")
                    instanceof Map<?, ?> ref) {
                String path = ref.get("path") == null ? "/" : ref.get("path").toString();
                holders.computeIfAbsent("arn:aws:iam::" + p.accountId() + ":policy" + path + ref.get("name"),
                        k -> new TreeSet<>()).add(p.arn());
            } else if (boundary instanceof Map<?, ?> b && b.get("managedPolicyArn") != null) {
                holders.computeIfAbsent(b.get("managedPolicyArn").toString(), k -> new TreeSet<>()).add(p.arn());
            }
        }
        return holders;
    }

    /**
     * A principal standing in for the holders of a policy nobody holds (a role attached to it) or of a group without
     * members (a user in it).
     */
    static CollectedResource probe(Change ch, CollectedResource changed) {
        String account = ch.accountId();
        Map<String, Object> data = new LinkedHashMap<>();
        if (ResourceTypes.IAM_GROUP.equals(ch.resourceType())) {
            String arn = "arn:aws:iam::" + account + ":user/posture-audit-drift-probe";
            data.put("userName", "posture-audit-drift-probe");
            data.put("arn", arn);
            data.put("groups", List.of(String.valueOf(changed.data().get("groupName"))));
            return new CollectedResource(arn, ResourceTypes.IAM_USER, account, ResourceTypes.GLOBAL_REGION,
                    "posture-audit-drift-probe", data, Map.of());
        }
        String arn = "arn:aws:iam::" + account + ":role/posture-audit-drift-probe";
        data.put("roleName", "posture-audit-drift-probe");
        data.put("arn", arn);
        data.put("attachedPolicies", List.of(Map.of("policyName", String.valueOf(changed.name()),
                "policyArn", ch.resourceArn())));
        return new CollectedResource(arn, ResourceTypes.IAM_ROLE, account, ResourceTypes.GLOBAL_REGION,
                "posture-audit-drift-probe", data, Map.of());
    }
}
