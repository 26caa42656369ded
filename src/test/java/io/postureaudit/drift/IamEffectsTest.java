package io.postureaudit.drift;

import static io.postureaudit.policy.Inventory.attached;
import static io.postureaudit.policy.Inventory.document;
import static io.postureaudit.policy.Inventory.inline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.policy.Inventory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The semantic IAM diff on hand-made snapshots whose effect is known exactly. */
class IamEffectsTest {

    static final String A = Inventory.ACCOUNT;
    static final IamEffects EFFECTS = new IamEffects();

    static CollectedResource only(Inventory inventory) {
        return inventory.resources().get(inventory.resources().size() - 1);
    }

    static Effect effect(List<CollectedResource> now, CollectedResource before, CollectedResource after) {
        return EFFECTS.effect(now, Changes.of(before, after));
    }

    @Test
    void shouldGrantExactlyTheAddedActionToEveryHolderWhenPolicyWidens() {
        Map<String, Object> read = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'s3:GetObject','Resource':'*'}]}");
        Map<String, Object> write = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':['s3:GetObject','s3:PutObject'],'Resource':'*'}]}");
        CollectedResource before = only(new Inventory().policy(A, "reports", false, read));
        Inventory now = new Inventory().policy(A, "reports", false, write)
                .user(A, "yui", Map.of("attachedPolicies", List.of(attached("arn:aws:iam::" + A + ":policy/reports"))),
                        Map.of())
                .user(A, "bystander", Map.of(), Map.of());
        Effect effect = effect(now.resources(), before, now.resources().get(0));
        assertEquals(List.of("s3:PutObject"), effect.granted());
        assertEquals(List.of(), effect.revoked());
        assertEquals(List.of("arn:aws:iam::" + A + ":user/yui"), effect.principals());
        Effect back = effect(new Inventory().policy(A, "reports", false, read)
                .user(A, "yui", Map.of("attachedPolicies", List.of(attached("arn:aws:iam::" + A + ":policy/reports"))),
                        Map.of()).resources(), now.resources().get(0), before);
        assertEquals(List.of("s3:PutObject"), back.revoked());
    }

    @Test
    void shouldExpandNotActionIntoEveryOtherServiceWhenGranted() {
        Map<String, Object> allButIam = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'NotAction':'iam:*','Resource':'*'}]}");
        Inventory now = new Inventory().user(A, "ops", Map.of("inlinePolicies", List.of(inline("ops", allButIam))),
                Map.of());
        CollectedResource before = only(new Inventory().user(A, "ops", Map.of(), Map.of()));
        Effect effect = effect(now.resources(), before, only(now));
        assertTrue(effect.granted().contains("s3:*"), () -> "" + effect.granted());
        assertTrue(effect.granted().contains("kms:*"));
        assertFalse(effect.granted().contains("iam:*"));
        assertFalse(effect.granted().stream().anyMatch(a -> a.startsWith("iam:")), () -> "" + effect.granted());
        assertEquals(455, effect.granted().size(), "every catalogued service but IAM, each as svc:*");
    }

    @Test
    void shouldReportAdminAndFullGrantWhenUserJoinsAdminGroup() {
        Map<String, Object> star = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*',"
                + "'Resource':'*'}]}");
        Inventory now = new Inventory().group(A, "admins", List.of(), List.of(inline("all", star)))
                .user(A, "kenta", Map.of("groups", List.of("admins")), Map.of());
        CollectedResource before = only(new Inventory().user(A, "kenta", Map.of(), Map.of()));
        Effect effect = effect(now.resources(), before, only(now));
        assertEquals(List.of("*"), effect.granted());
        assertTrue(effect.risksAdded().contains("admin"), () -> "" + effect.risksAdded());
        assertEquals(List.of("arn:aws:iam::" + A + ":user/kenta"), effect.principals());
        // The group created in the same scan shows the same contribution from its side.
        Effect group = effect(now.resources(), null, now.resources().get(0));
        assertEquals(List.of("*"), group.granted());
        assertEquals(List.of("arn:aws:iam::" + A + ":user/kenta"), group.principals());
    }

    @Test
    void shouldNameTrustAddedAndRemovedWhenRoleTrustOpens() {
        Map<String, Object> lambda = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole'}]}");
        Map<String, Object> open = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Principal':{'AWS':['*','999988887777']},'Action':'sts:AssumeRole'}]}");
        CollectedResource before = only(new Inventory().role(A, "app", lambda, Map.of(), Map.of()));
        Inventory now = new Inventory().role(A, "app", open, Map.of(), Map.of());
        Effect effect = effect(now.resources(), before, only(now));
        assertEquals(List.of("*", "arn:aws:iam::999988887777:root"), effect.trustAdded());
        assertEquals(List.of("lambda.amazonaws.com"), effect.trustRemoved());
        assertTrue(effect.risksAdded().contains("public-trust"), () -> "" + effect.risksAdded());
        assertEquals(List.of(), effect.granted());
    }

    @Test
    void shouldHaveEmptyEffectAndBeCosmeticWhenPolicyIsOnlyRespelled() {
        Map<String, Object> text = document("{'Version':'2012-10-17','Statement':[{'Sid':'R','Effect':'Allow',"
                + "'Action':'s3:GetObject','Resource':'arn:aws:s3:::reports/*'},{'Effect':'Allow',"
                + "'Action':['kms:Decrypt','kms:Encrypt'],'Resource':'*'}]}");
        Map<String, Object> respelled = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':['kms:Encrypt','kms:Decrypt'],'Resource':['*']},{'Sid':'R','Effect':'Allow',"
                + "'Action':['s3:GetObject'],'Resource':['arn:aws:s3:::reports/*']}]}");
        CollectedResource before = only(new Inventory().policy(A, "p", false, text));
        Inventory now = new Inventory().policy(A, "p", false, respelled);
        Change change = Changes.of(before, only(now));
        Effect effect = EFFECTS.effect(now.resources(), change);
        assertTrue(effect.isEmpty(), () -> "" + effect);
        assertTrue(IamEffects.cosmetic(change, effect));
    }

    @Test
    void shouldJudgeUnattachedPolicyAsIfHeldSoWideningIsNotCosmetic() {
        Map<String, Object> read = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'s3:GetObject','Resource':'*'}]}");
        Map<String, Object> star = document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
                + "'Action':'*','Resource':'*'}]}");
        CollectedResource before = only(new Inventory().policy(A, "spare", false, read));
        Inventory now = new Inventory().policy(A, "spare", false, star);
        Change change = Changes.of(before, only(now));
        Effect effect = EFFECTS.effect(now.resources(), change);
        assertTrue(effect.risksAdded().contains("admin"), () -> "" + effect);
        assertEquals(List.of(), effect.principals(), "nobody holds it yet");
        assertFalse(IamEffects.cosmetic(change, effect));
    }

    @Test
    void shouldGrantPermissionSetAccessToNewlyAssignedPerson() {
        Inventory now = new Inventory().permissionSet("Admin", Map.of("awsManagedPolicies",
                List.of(Map.of("name", "AdministratorAccess", "arn", "arn:aws:iam::aws:policy/AdministratorAccess")),
                "provisionedAccounts", List.of("444455556666")));
        String setArn = now.resources().get(0).arn();
        Map<String, Object> assignment = Map.of("permissionSetArn", setArn, "accountId", "444455556666",
                "principalType", "USER", "principalId", "u-1", "principalName", "aiko@example.com");
        CollectedResource created = new CollectedResource(setArn + "/444455556666/USER/u-1",
                "identitycenter.assignment", A, "us-east-1", "Admin", assignment, Map.of());
        now.resources().add(created);
        Effect effect = effect(now.resources(), null, created);
        assertEquals(List.of("*"), effect.granted());
        assertTrue(effect.risksAdded().contains("admin"), () -> "" + effect);
        assertEquals(List.of("USER:aiko@example.com"), effect.principals());
    }

    static final String MEMBER = "444455556666";
    static final Map<String, Object> ADMIN = Map.of("awsManagedPolicies", List.of(Map.of("name",
            "AdministratorAccess", "arn", "arn:aws:iam::aws:policy/AdministratorAccess")),
            "provisionedAccounts", List.of(MEMBER));
    static final Map<String, Object> READ_ONLY = Map.of("awsManagedPolicies", List.of(Map.of("name",
            "ReadOnlyAccess", "arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")), "provisionedAccounts",
            List.of(MEMBER));

    static CollectedResource icGroup(String id, String name, String... users) {
        List<Object> members = new java.util.ArrayList<>();
        for (String u : users) {
            members.add(Map.of("userId", u, "userName", u.substring(2) + "@example.com"));
        }
        return new CollectedResource("arn:aws:identitystore:::group/" + id, "identitycenter.group", A, "us-east-1",
                name, Map.of("groupId", id, "displayName", name, "members", members), Map.of());
    }

    static CollectedResource icAssignment(String setArn, String type, String principalId, String principalName) {
        Map<String, Object> data = new java.util.LinkedHashMap<>(Map.of("permissionSetArn", setArn,
                "accountId", MEMBER, "principalType", type, "principalId", principalId));
        data.put("principalName", principalName);
        return new CollectedResource(setArn + "/assignment/" + MEMBER + "/" + type + "/" + principalId,
                "identitycenter.assignment", A, "us-east-1", principalName, data, Map.of());
    }

    @Test
    void shouldNameThePersonWhoGainsTheGroupsAccessWhenUserJoinsIdentityCenterGroup() {
        Inventory now = new Inventory().permissionSet("Admin", ADMIN);
        String setArn = now.resources().get(0).arn();
        CollectedResource before = icGroup("g-ops", "ops", "u-aiko");
        CollectedResource after = icGroup("g-ops", "ops", "u-aiko", "u-kenta");
        now.resources().add(after);
        now.resources().add(icAssignment(setArn, "GROUP", "g-ops", "ops"));
        Effect joined = effect(now.resources(), before, after);
        assertEquals(List.of("*"), joined.granted());
        assertTrue(joined.risksAdded().contains("admin"), () -> "" + joined);
        assertEquals(List.of("USER:kenta@example.com"), joined.principals(), "aiko was a member already");

        now.resources().set(1, before);
        Effect left = effect(now.resources(), after, before);
        assertEquals(List.of("*"), left.revoked());
        assertEquals(List.of("USER:kenta@example.com"), left.principals());
    }

    @Test
    void shouldHaveNoEffectWhenJoiningPersonHoldsTheAccessAlreadyOrGroupHasNoAssignment() {
        Inventory now = new Inventory().permissionSet("Admin", ADMIN);
        String setArn = now.resources().get(0).arn();
        CollectedResource before = icGroup("g-ops", "ops");
        CollectedResource after = icGroup("g-ops", "ops", "u-kenta");
        now.resources().add(after);
        now.resources().add(icAssignment(setArn, "GROUP", "g-ops", "ops"));
        now.resources().add(icAssignment(setArn, "USER", "u-kenta", "kenta@example.com"));
        Effect already = effect(now.resources(), before, after);
        assertTrue(already.isEmpty(), () -> "kenta held Admin in that account directly: " + already);

        Effect unassigned = effect(List.of(after), before, after);
        assertTrue(unassigned.isEmpty(), () -> "" + unassigned);
        assertFalse(IamEffects.cosmetic(Changes.of(before, after), unassigned), "a membership is not spelling");
    }

    @Test
    void shouldNameTheGroupAndEachMemberWhenGroupIsAssignedAPermissionSet() {
        Inventory now = new Inventory().permissionSet("Admin", ADMIN).permissionSet("ReadOnly", READ_ONLY);
        String admin = now.resources().get(0).arn();
        String readOnly = now.resources().get(1).arn();
        now.resources().add(icGroup("g-ops", "ops", "u-aiko", "u-kenta"));
        now.resources().add(icAssignment(readOnly, "USER", "u-aiko", "aiko@example.com"));
        CollectedResource created = icAssignment(admin, "GROUP", "g-ops", "ops");
        now.resources().add(created);
        Effect effect = effect(now.resources(), null, created);
        assertEquals(List.of("*"), effect.granted());
        assertEquals(List.of("GROUP:ops", "USER:aiko@example.com", "USER:kenta@example.com"), effect.principals());
    }

    @Test
    void shouldNameEveryHolderOfAPermissionSetWhenItWidens() {
        Inventory was = new Inventory().permissionSet("Ops", READ_ONLY);
        Inventory now = new Inventory().permissionSet("Ops", Map.of("awsManagedPolicies", List.of(
                Map.of("name", "ReadOnlyAccess", "arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                Map.of("name", "AdministratorAccess", "arn", "arn:aws:iam::aws:policy/AdministratorAccess")),
                "provisionedAccounts", List.of(MEMBER)));
        String setArn = now.resources().get(0).arn();
        now.resources().add(icGroup("g-ops", "ops", "u-kenta"));
        now.resources().add(icAssignment(setArn, "GROUP", "g-ops", "ops"));
        now.resources().add(icAssignment(setArn, "USER", "u-aiko", "aiko@example.com"));
        Effect effect = effect(now.resources(), was.resources().get(0), now.resources().get(0));
        assertTrue(effect.risksAdded().contains("admin"), () -> "" + effect);
        assertEquals(List.of("USER:aiko@example.com", "USER:kenta@example.com", setArn), effect.principals());
    }
}
