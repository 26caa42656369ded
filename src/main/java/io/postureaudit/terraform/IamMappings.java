package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.terraform.StateInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The AWS provider's IAM resource types (attribute names as in the provider's documentation). */
final class IamMappings {

    private IamMappings() {
    }

    static void register(Map<String, Mapping> into) {
        into.put("aws_iam_user", Mapping.primary(ResourceTypes.IAM_USER, (i, live) -> Diffs.of(i)
                .same("/path", i.text("path"), live.data().get("path"), false)
                .same("/permissionsBoundary/arn", i.text("permissions_boundary"), boundary(live), true).list()));
        into.put("aws_iam_group", Mapping.primary(ResourceTypes.IAM_GROUP, (i, live) -> Diffs.of(i)
                .same("/path", i.text("path"), live.data().get("path"), false).list()));
        into.put("aws_iam_role", Mapping.primary(ResourceTypes.IAM_ROLE, (i, live) -> Diffs.of(i)
                .policy("/assumeRolePolicy", i.text("assume_role_policy"), live.data().get("assumeRolePolicy"))
                .same("/path", i.text("path"), live.data().get("path"), false)
                .same("/permissionsBoundary/arn", i.text("permissions_boundary"), boundary(live), true).list()));
        into.put("aws_iam_policy", Mapping.primary(ResourceTypes.IAM_POLICY, (i, live) -> Diffs.of(i)
                .policy("/document", i.text("policy"), live.data().get("document"))
                .same("/path", i.text("path"), live.data().get("path"), false).list()));
        inline(into, "aws_iam_user_policy", ResourceTypes.IAM_USER, "user");
        inline(into, "aws_iam_role_policy", ResourceTypes.IAM_ROLE, "role");
        inline(into, "aws_iam_group_policy", ResourceTypes.IAM_GROUP, "group");
        attachment(into, "aws_iam_user_policy_attachment", ResourceTypes.IAM_USER, "user");
        attachment(into, "aws_iam_role_policy_attachment", ResourceTypes.IAM_ROLE, "role");
        attachment(into, "aws_iam_group_policy_attachment", ResourceTypes.IAM_GROUP, "group");
        into.put("aws_iam_policy_attachment", Mapping.part(ResourceTypes.IAM_ROLE, IamMappings::exclusiveTargets,
                (i, live) -> Diffs.of(i).holds("/attachedPolicies", i.text("policy_arn"),
                        Values.pluck(live.data().get("attachedPolicies"), "policyArn"), true).list()));
        into.put("aws_iam_group_membership", new Mapping(ResourceTypes.IAM_GROUP, false,
                (i, index) -> named(index, ResourceTypes.IAM_GROUP, i.text("group")), IamMappings::groupMembers));
        into.put("aws_iam_user_group_membership", Mapping.part(ResourceTypes.IAM_USER,
                (i, index) -> named(index, ResourceTypes.IAM_USER, i.text("user")), (i, live) -> {
                    List<String> groups = Values.strings(live.data().get("groups"));
                    Diffs d = Diffs.of(i);
                    if (!groups.containsAll(Values.strings(i.attributes().get("groups")))) {
                        d.add("/groups", Values.strings(i.attributes().get("groups")), groups, true);
                    }
                    return d.list();
                }));
    }

    private static Object boundary(CollectedResource live) {
        return Values.map(live.data().get("permissionsBoundary")).get("arn");
    }

    private static List<String> named(LiveIndex index, String type, String name) {
        return index.iamArn(type, name).map(List::of).orElse(List.of());
    }

    private static void inline(Map<String, Mapping> into, String tfType, String liveType, String parent) {
        into.put(tfType, Mapping.part(liveType, (i, index) -> named(index, liveType, i.text(parent)),
                (i, live) -> {
                    String name = i.text("name");
                    Optional<Object> document = Values.list(live.data().get("inlinePolicies")).stream()
                            .map(Values::map).filter(p -> String.valueOf(name).equals(p.get("policyName")))
                            .map(p -> p.get("document")).findFirst();
                    String path = "/inlinePolicies/" + Values.token(String.valueOf(name));
                    if (document.isEmpty()) {
                        return Diffs.of(i).add(path, Documents.readable(i.text("policy")), null, true).list();
                    }
                    return Diffs.of(i).policy(path, i.text("policy"), document.get()).list();
                }));
    }

    private static void attachment(Map<String, Mapping> into, String tfType, String liveType, String parent) {
        into.put(tfType, Mapping.part(liveType, (i, index) -> named(index, liveType, i.text(parent)),
                (i, live) -> Diffs.of(i).holds("/attachedPolicies", i.text("policy_arn"),
                        Values.pluck(live.data().get("attachedPolicies"), "policyArn"), true).list()));
    }

    /** {@code aws_iam_policy_attachment} names users, roles and groups at once. */
    private static List<String> exclusiveTargets(StateInstance i, LiveIndex index) {
        List<String> out = new ArrayList<>();
        Values.strings(i.attributes().get("users")).forEach(n -> out.addAll(named(index, ResourceTypes.IAM_USER, n)));
        Values.strings(i.attributes().get("roles")).forEach(n -> out.addAll(named(index, ResourceTypes.IAM_ROLE, n)));
        Values.strings(i.attributes().get("groups")).forEach(n -> out.addAll(named(index, ResourceTypes.IAM_GROUP, n)));
        return out;
    }

    /** {@code aws_iam_group_membership} is exclusive: the group has exactly these users, no more, no fewer. */
    private static List<FieldDiff> groupMembers(StateInstance i, CollectedResource group, LiveIndex index) {
        TreeSet<String> state = new TreeSet<>(Values.strings(i.attributes().get("users")));
        TreeSet<String> live = new TreeSet<>(index.members(i.text("group")));
        return Diffs.of(i).same("/members", List.copyOf(state), state.equals(live) ? List.copyOf(state)
                : List.copyOf(live), true).list();
    }
}
