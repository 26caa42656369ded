package io.postureaudit.policy;

import io.postureaudit.policy.effective.PrincipalPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ARNs through which a principal could raise its own permissions: itself, its groups, and the customer managed
 * policies it holds directly or through a group (AWS managed policies cannot be changed by anyone but AWS).
 */
final class SelfTargets {

    private SelfTargets() {
    }

    static List<String> of(PrincipalPolicies principal) {
        List<String> out = new ArrayList<>();
        // A role AWS manages (service-linked, Identity Center) cannot be changed by anyone, itself included.
        if (!io.postureaudit.policy.eval.ReservedResources.reservedRole(principal.arn())) {
            out.add(principal.arn());
        }
        Map<String, Object> data = principal.source().data();
        if (data.get("groups") instanceof List<?> groups) {
            for (Object g : groups) {
                // The group's path is not in the user record; "*" stands for it.
                out.add("arn:aws:iam::" + principal.accountId() + ":group/*" + g);
            }
        }
        for (String arn : principal.managedArns()) {
            if (arn != null && !arn.startsWith("arn:aws:iam::aws:") && !out.contains(arn)) {
                out.add(arn);
            }
        }
        return out;
    }
}
