package io.postureaudit.drift;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.identitycenter.IdentityCenterFields;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who holds which permission set in which account in one snapshot of Identity Center: assignments to a person,
 * and assignments to a group held by each of its members. People are identity store user ids.
 */
final class Roster {

    /** The {@code principalType} of an assignment to a group (else {@code USER}). */
    static final String GROUP = "GROUP";

    /** A permission set held in one target account. */
    record Holding(String permissionSetArn, String accountId) {
    }

    private final Map<String, Set<String>> membersByGroup = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Set<Holding>> holdingsByUser = new HashMap<>();
    private final Map<String, Set<String>> holdersBySet = new HashMap<>();

    private Roster(List<CollectedResource> resources) {
        for (CollectedResource r : resources) {
            if (ResourceTypes.IDC_GROUP.equals(r.type())) {
                membersByGroup.put(str(r.data().get(IdentityCenterFields.GROUP_ID)), members(r));
                if (r.data().get(IdentityCenterFields.MEMBERS) instanceof List<?> list) {
                    for (Object m : list) {
                        if (m instanceof Map<?, ?> member && member.get(IdentityCenterFields.USER_NAME) != null) {
                            names.putIfAbsent(str(member.get(IdentityCenterFields.USER_ID)),
                                    str(member.get(IdentityCenterFields.USER_NAME)));
                        }
                    }
                }
            } else if (ResourceTypes.IDC_USER.equals(r.type()) && r.data().get(IdentityCenterFields.USER_NAME) != null) {
                names.put(str(r.data().get(IdentityCenterFields.USER_ID)),
                        str(r.data().get(IdentityCenterFields.USER_NAME)));
            }
        }
        for (CollectedResource r : resources) {
            if (!ResourceTypes.IDC_ASSIGNMENT.equals(r.type())) {
                continue;
            }
            Map<String, Object> a = r.data();
            String principal = str(a.get(IdentityCenterFields.PRINCIPAL_ID));
            Holding holding = new Holding(str(a.get(IdentityCenterFields.PERMISSION_SET_ARN)),
                    str(a.get(IdentityCenterFields.ACCOUNT_ID)));
            Set<String> users;
            if (Roster.GROUP.equals(a.get(IdentityCenterFields.PRINCIPAL_TYPE))) {
                users = membersByGroup.getOrDefault(principal, Set.of());
            } else {
                users = Set.of(principal);
                if (a.get(IdentityCenterFields.PRINCIPAL_NAME) != null) {
                    names.putIfAbsent(principal, str(a.get(IdentityCenterFields.PRINCIPAL_NAME)));
                }
            }
            for (String user : users) {
                holdingsByUser.computeIfAbsent(user, k -> new LinkedHashSet<>()).add(holding);
                holdersBySet.computeIfAbsent(holding.permissionSetArn(), k -> new TreeSet<>()).add(user);
            }
        }
    }

    static Roster of(List<CollectedResource> resources) {
        return new Roster(resources);
    }

    /** The user ids of a group's resource (its {@code members}). */
    static Set<String> members(CollectedResource group) {
        Set<String> out = new TreeSet<>();
        if (group != null && group.data().get(IdentityCenterFields.MEMBERS) instanceof List<?> list) {
            for (Object m : list) {
                if (m instanceof Map<?, ?> member && member.get(IdentityCenterFields.USER_ID) != null) {
                    out.add(member.get(IdentityCenterFields.USER_ID).toString());
                }
            }
        }
        return out;
    }

    Set<String> members(String groupId) {
        return membersByGroup.getOrDefault(groupId, Set.of());
    }

    Set<Holding> holdings(String userId) {
        return holdingsByUser.getOrDefault(userId, Set.of());
    }

    /** The people holding a permission set in some account, directly or through a group. */
    Set<String> holders(String permissionSetArn) {
        return holdersBySet.getOrDefault(permissionSetArn, Set.of());
    }

    /** The user name this roster knows for a user id, or null. */
    String name(String userId) {
        return names.get(userId);
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
