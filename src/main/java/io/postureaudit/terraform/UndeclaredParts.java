package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.terraform.StateInstance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Terraform-managed principal carries live that no state declares: an inline policy or a policy
 * attachment added in the console to a role that is otherwise in code is the change that matters most. Inline
 * policies written in the role's own {@code inline_policy} blocks are compared document by document.
 */
final class UndeclaredParts {

    private UndeclaredParts() {
    }

    static List<FieldDiff> find(CollectedResource live, StateInstance primary, List<StateInstance> parts) {
        return switch (live.type()) {
            case ResourceTypes.IAM_ROLE, ResourceTypes.IAM_USER, ResourceTypes.IAM_GROUP -> iam(live, primary, parts);
            case ResourceTypes.IDC_PERMISSION_SET -> permissionSet(live, primary, parts);
            default -> List.of();
        };
    }

    private static List<FieldDiff> iam(CollectedResource live, StateInstance primary, List<StateInstance> parts) {
        Diffs d = Diffs.of(primary);
        Set<String> inline = new HashSet<>();
        Set<String> attached = new HashSet<>(Values.strings(primary.attributes().get("managed_policy_arns")));
        for (Object block : Values.list(primary.attributes().get("inline_policy"))) {
            Map<String, Object> p = Values.map(block);
            String name = p.get("name") == null ? "" : String.valueOf(p.get("name"));
            if (name.isEmpty()) {
                continue;
            }
            inline.add(name);
            Values.list(live.data().get("inlinePolicies")).stream().map(Values::map)
                    .filter(l -> name.equals(l.get("policyName"))).findFirst()
                    .ifPresentOrElse(l -> d.policy("/inlinePolicies/" + Values.token(name), p.get("policy"),
                            l.get("document")), () -> d.add("/inlinePolicies/" + Values.token(name),
                                    Documents.readable(p.get("policy")), null, true));
        }
        for (StateInstance part : parts) {
            if (part.type().endsWith("_policy") && part.text("name") != null) {
                inline.add(part.text("name"));
            }
            if (part.type().endsWith("_policy_attachment") && part.text("policy_arn") != null) {
                attached.add(part.text("policy_arn"));
            }
        }
        for (Object o : Values.list(live.data().get("inlinePolicies"))) {
            Map<String, Object> p = Values.map(o);
            String name = String.valueOf(p.get("policyName"));
            if (!inline.contains(name)) {
                d.add("/inlinePolicies/" + Values.token(name), null, p.get("document"), true);
            }
        }
        for (String arn : Values.pluck(live.data().get("attachedPolicies"), "policyArn")) {
            if (!attached.contains(arn)) {
                d.add("/attachedPolicies", null, arn, true);
            }
        }
        return d.list();
    }

    private static List<FieldDiff> permissionSet(CollectedResource live, StateInstance primary,
            List<StateInstance> parts) {
        Diffs d = Diffs.of(primary);
        Set<String> managed = new HashSet<>();
        boolean inline = false;
        for (StateInstance part : parts) {
            if ("aws_ssoadmin_managed_policy_attachment".equals(part.type())) {
                managed.add(part.text("managed_policy_arn"));
            }
            inline |= "aws_ssoadmin_permission_set_inline_policy".equals(part.type());
        }
        List<String> undeclared = new ArrayList<>();
        for (String arn : Values.pluck(live.data().get("awsManagedPolicies"), "arn")) {
            if (!managed.contains(arn)) {
                undeclared.add(arn);
            }
        }
        undeclared.forEach(arn -> d.add("/awsManagedPolicies", null, arn, true));
        if (!inline && live.data().get("inlinePolicy") != null) {
            d.add("/inlinePolicy", null, live.data().get("inlinePolicy"), true);
        }
        return d.list();
    }
}
