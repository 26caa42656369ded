package io.postureaudit.collect.identitycenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.fakeaws.FakeJsonService;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdentityCenterCollectorTest {

    static final String MGMT = "555555555555";
    static final String TOKYO = "ap-northeast-1";
    static final String STORE = "d-9067000000";
    CollectorHarness h;
    AccountTarget account = CollectorHarness.account(MGMT, TOKYO);
    FakeSsoAdmin.PermissionSet admin;

    @BeforeEach
    void start() {
        h = new CollectorHarness();
        h.ssoAdmin.pageSize(1);
        h.identityStore.pageSize(1);
        h.identityStore.user(STORE, "u-alice", "alice@example.com", "Alice", "Ito");
        h.identityStore.user(STORE, "u-bob", "bob@example.com", "Bob", "Sato");
        h.identityStore.group(STORE, "g-ops", "ops", "u-bob", "u-alice");
        FakeSsoAdmin.Instance instance = h.ssoAdmin.instance(MGMT, TOKYO, "ssoins-7758", STORE);
        admin = instance.permissionSet("AdministratorAccess", "PT12H").managed("AdministratorAccess")
                .assign("111111111111", "USER", "u-alice").assign("222222222222", "GROUP", "g-ops");
        admin.description.put("RelayState", "https://console.aws.amazon.com/");
        admin.tags.add(FakeJsonService.json("{\"Key\":\"owner\",\"Value\":\"platform\"}"));
        FakeSsoAdmin.PermissionSet reader = instance.permissionSet("ReadOnly", "PT1H").managed("ReadOnlyAccess")
                .assign("111111111111", "GROUP", "g-ops");
        reader.customerPolicies.add(FakeJsonService.json("{\"Name\":\"deny-secrets\",\"Path\":\"/guards/\"}"));
        reader.inlinePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":"
                + "\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}}";
        reader.boundary = FakeJsonService.json("{\"CustomerManagedPolicyReference\":{\"Name\":\"boundary\",\"Path\":\"/\"}}");
        h.aws.resetCalls();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    CollectedResource one(CollectionContext c, String type, String name) {
        return c.resources().stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " in " + c.resources()));
    }

    @Test
    void shouldReadPermissionSetsAssignmentsUsersAndGroupsAcrossPages() {
        CollectionContext c = h.run(new IdentityCenterCollector(4), account, TOKYO);
        assertEquals(List.of(), c.gaps());
        CollectedResource instance = c.resources().stream().filter(r -> r.type().equals("identitycenter.instance"))
                .findFirst().orElseThrow();
        assertEquals(STORE, instance.data().get("identityStoreId"));
        Map<String, Object> ps = one(c, "identitycenter.permission-set", "AdministratorAccess").data();
        assertEquals("PT12H", ps.get("sessionDuration"));
        assertEquals("https://console.aws.amazon.com/", ps.get("relayState"));
        assertEquals("arn:aws:sso:::instance/ssoins-7758", ps.get("instanceArn"));
        assertEquals(List.of(Map.of("name", "AdministratorAccess", "arn", "arn:aws:iam::aws:policy/AdministratorAccess")),
                ps.get("awsManagedPolicies"));
        assertEquals(List.of(), ps.get("customerManagedPolicies"));
        assertNull(ps.get("inlinePolicy"));
        assertNull(ps.get("permissionsBoundary"));
        assertEquals(List.of("111111111111", "222222222222"), ps.get("provisionedAccounts"));
        assertEquals(Map.of("owner", "platform"), ps.get("tags"));
        Map<String, Object> ro = one(c, "identitycenter.permission-set", "ReadOnly").data();
        assertEquals(List.of(Map.of("name", "deny-secrets", "path", "/guards/")), ro.get("customerManagedPolicies"));
        assertEquals(Map.of("customerManagedPolicyReference", Map.of("name", "boundary", "path", "/")),
                ro.get("permissionsBoundary"));
        assertEquals("Deny", ((List<Map<?, ?>>) ((Map<?, ?>) ro.get("inlinePolicy")).get("Statement")).get(0)
                .get("Effect"));

        List<CollectedResource> assignments = c.resources().stream()
                .filter(r -> r.type().equals("identitycenter.assignment")).toList();
        assertEquals(3, assignments.size());
        Map<String, Object> alice = assignments.stream().filter(a -> a.data().get("principalId").equals("u-alice"))
                .findFirst().orElseThrow().data();
        assertEquals(Map.of("instanceArn", "arn:aws:sso:::instance/ssoins-7758", "permissionSetArn", admin.arn(),
                "permissionSetName", "AdministratorAccess", "accountId", "111111111111", "principalType", "USER",
                "principalId", "u-alice", "principalName", "alice@example.com"), alice);
        assertTrue(assignments.stream().anyMatch(a -> "ops".equals(a.data().get("principalName"))));

        Map<String, Object> user = one(c, "identitycenter.user", "alice@example.com").data();
        assertEquals(Map.of("givenName", "Alice", "familyName", "Ito"), user.get("name"));
        assertEquals("arn:aws:identitystore:::user/u-alice", one(c, "identitycenter.user", "alice@example.com").arn());
        Map<String, Object> group = one(c, "identitycenter.group", "ops").data();
        assertEquals(List.of(Map.of("userId", "u-alice", "userName", "alice@example.com"),
                Map.of("userId", "u-bob", "userName", "bob@example.com")), group.get("members"));
        assertEquals(2, h.aws.calls("identitystore:ListUsers"), "two users in pages of one");
        assertEquals(3, h.aws.calls("sso:ListAccountAssignments"), "one call per provisioned account and set");
    }

    @Test
    void shouldRecordGapPerPermissionSetAndKeepTheRest() {
        h.aws.inject("sso:DescribePermissionSet", new io.postureaudit.fakeaws.FakeAws.Fault(400,
                "AccessDeniedException", "not allowed", 0, 1));
        CollectionContext c = h.run(new IdentityCenterCollector(1), account, TOKYO);
        assertEquals(1, c.resources().stream().filter(r -> r.type().equals("identitycenter.permission-set")).count());
        assertEquals("DescribePermissionSet", c.gaps().get(0).operation());
        assertTrue(c.gaps().get(0).resourceArn().startsWith("arn:aws:sso:::permissionSet/"));
    }

    @Test
    void shouldRecordScopeGapWhenIdentityCenterIsDenied() {
        h.aws.denyAlways("sso:ListInstances");
        CollectionContext c = h.run(new IdentityCenterCollector(4), account, TOKYO);
        assertTrue(c.resources().isEmpty());
        assertEquals("identitycenter", c.gaps().get(0).service());
        assertEquals("ListInstances", c.gaps().get(0).operation());
    }
}
