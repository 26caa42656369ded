package io.postureaudit.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Identity Store over JSON 1.1 ({@code AWSIdentityStore.*}): users, groups and memberships per store id. */
public final class FakeIdentityStore extends FakeJsonService {

    /** One identity store. */
    public static final class Store {
        public final List<ObjectNode> users = new ArrayList<>();
        public final List<ObjectNode> groups = new ArrayList<>();
        /** User ids by group id. */
        public final Map<String, List<String>> members = new ConcurrentHashMap<>();
    }

    private final Map<String, Store> stores = new ConcurrentHashMap<>();

    public FakeIdentityStore() {
        super("identitystore", "AWSIdentityStore");
    }

    public Store store(String storeId) {
        return stores.computeIfAbsent(storeId, k -> new Store());
    }

    public ObjectNode user(String storeId, String userId, String userName, String given, String family) {
        ObjectNode u = JSON.createObjectNode().put("UserId", userId).put("UserName", userName)
                .put("DisplayName", given + " " + family).put("IdentityStoreId", storeId);
        u.putObject("Name").put("GivenName", given).put("FamilyName", family);
        u.putArray("Emails").addObject().put("Value", userName).put("Type", "work").put("Primary", true);
        Store s = store(storeId);
        synchronized (s) {
            s.users.add(u);
        }
        return u;
    }

    public ObjectNode group(String storeId, String groupId, String name, String... userIds) {
        ObjectNode g = JSON.createObjectNode().put("GroupId", groupId).put("DisplayName", name)
                .put("Description", name + " team").put("IdentityStoreId", storeId);
        Store s = store(storeId);
        synchronized (s) {
            s.groups.add(g);
            s.members.put(groupId, List.of(userIds));
        }
        return g;
    }

    @Override
    protected Object answer(String operation, JsonNode body, FakeRequest request) {
        Store s = store(text(body, "IdentityStoreId"));
        synchronized (s) {
            return switch (operation) {
                case "ListUsers" -> paged(List.copyOf(s.users), body, "NextToken", "MaxResults", "Users");
                case "ListGroups" -> paged(List.copyOf(s.groups), body, "NextToken", "MaxResults", "Groups");
                case "ListGroupMemberships" -> {
                    String groupId = text(body, "GroupId");
                    List<ObjectNode> memberships = new ArrayList<>();
                    for (String userId : s.members.getOrDefault(groupId, List.of())) {
                        ObjectNode m = JSON.createObjectNode().put("IdentityStoreId", text(body, "IdentityStoreId"))
                                .put("MembershipId", "m-" + groupId + "-" + userId).put("GroupId", groupId);
                        m.putObject("MemberId").put("UserId", userId);
                        memberships.add(m);
                    }
                    yield paged(memberships, body, "NextToken", "MaxResults", "GroupMemberships");
                }
                default -> throw unknown(operation);
            };
        }
    }
}
