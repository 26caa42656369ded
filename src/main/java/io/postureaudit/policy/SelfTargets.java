package io.postureaudit.policy;

import io.postureaudit.policy.effective.PrincipalPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ARNs through which a principal could raise its own permissions: itself, its groups, and the customer managed
 * policies attached to it (AWS managed policies cannot be changed by anyone but AWS).
 */
final class SelfTargets {

    private SelfTargets() {
    }

    static List<String> of(PrincipalPolicies principal) {
        List<String> out = new ArrayList<>();
        out.add(principal.arn());
        Map<String, Object> data = principal.source().data();
        if (data.get("groups") instanceof List<?> groups) {
            for (Object g : groups) {
                // The group's path is not in the user record; "*" stands for it.
                out.add("arn:aws:iam::" + principal.accountId() + ":group/*" + g);
            }
        }
        if (data.get("attachedPolicies") instanceof List<?> attached) {
            for (Object p : attached) {
                Object arn = ((Map<?, ?>) p).get("policyArn");
                if (arn != null && !arn.toString().startsWith("arn:aws:iam::aws:")) {
                    out.add(arn.toString());
                }
            }
        }
        return out;
    }
}
