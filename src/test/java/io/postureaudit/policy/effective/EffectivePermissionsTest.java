package io.postureaudit.policy.effective;

import static io.postureaudit.policy.Inventory.ACCOUNT;
import static io.postureaudit.policy.Inventory.attached;
import static io.postureaudit.policy.Inventory.document;
import static io.postureaudit.policy.Inventory.inline;
import static io.postureaudit.policy.TestPolicies.allow;
import static io.postureaudit.policy.TestPolicies.deny;
import static io.postureaudit.policy.TestPolicies.permissions;
import static io.postureaudit.policy.TestPolicies.statements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.policy.Inventory;
import io.postureaudit.policy.catalog.ActionCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Effective permissions: groups, NotAction with Deny, boundaries, scoped and conditional grants, permission sets. */
class EffectivePermissionsTest {

    private static final String S3_READ = "{'Version':'2012-10-17','Statement':[{'Sid':'Read','Effect':'Allow',"
            + "'Action':['s3:GetObject','s3:ListBucket'],'Resource':'*'}]}";
    private static final String EC2_ADMIN = "{'Version':'2012-10-17','Statement':[{'Sid':'Ec2','Effect':'Allow',"
            + "'Action':'ec2:*','Resource':'*'}]}";

    private static EffectivePermissions effective(PrincipalPolicies p) {
        return EffectivePermissions.of(ActionCatalog.standard(), p.identity(), p.boundary(), new StatementCache());
    }

    @Test
    void shouldIncludeEveryGroupsPoliciesWhenAUserBelongsToGroups() {
        Inventory inv = new Inventory()
                .policy(ACCOUNT, "S3Read", false, document(S3_READ))
                .group(ACCOUNT, "readers", List.of(attached("arn:aws:iam::" + ACCOUNT + ":policy/S3Read")), List.of())
                .group(ACCOUNT, "ops", List.of(), List.of(inline("ec2", document(EC2_ADMIN))))
                .user(ACCOUNT, "alice", Map.of("groups", List.of("readers", "ops")), Map.of());
        PrincipalPolicies alice = user(inv);
        assertEquals(List.of("group:readers/S3Read", "group:ops/inline:ec2"),
                alice.identity().stream().map(p -> p.name()).toList());
        EffectivePermissions p = effective(alice);
        assertTrue(p.isUnconstrained("s3:GetObject") && p.isUnconstrained("ec2:RunInstances"));
        assertFalse(p.isUnconstrained("s3:PutObject"));
        assertEquals(List.of(new Evidence("group:ops/inline:ec2", "Ec2")),
                p.grant("ec2:RunInstances", "*").orElseThrow().evidence());
    }

    @Test
    void shouldReportMissingGroupsAndPoliciesWhenNeitherTheSnapshotNorTheLibraryHasThem() {
        // A name AWS never published (or retired before the bundled version) stays a gap.
        Inventory inv = new Inventory().user(ACCOUNT, "bob", Map.of("groups", List.of("ghosts"), "attachedPolicies",
                List.of(attached("arn:aws:iam::aws:policy/RetiredPolicyNotBundled"))), Map.of());
        PrincipalPolicies bob = user(inv);
        assertEquals(List.of("arn:aws:iam::aws:policy/RetiredPolicyNotBundled", "group ghosts"), bob.unresolved());
        assertEquals(List.of(), bob.bundled());
    }

    @Test
    void shouldRemoveActionsWhenADenyWithNotActionCoversThem() {
        EffectivePermissions p = permissions(List.of(statements(allow(List.of("*"), "*"),
                "{'Effect':'Deny','NotAction':['s3:*','cloudwatch:*'],'Resource':'*'}")), null);
        assertTrue(p.isUnconstrained("s3:PutObject"));
        assertTrue(p.grant("iam:CreateUser", "*").isEmpty());
        assertFalse(p.allowed().get(ActionCatalog.standard().find("ec2:RunInstances").orElseThrow().index()));
    }

    @Test
    void shouldIntersectWithTheBoundaryWhenOneIsSet() {
        EffectivePermissions p = permissions(List.of(statements(allow(List.of("s3:*", "iam:*"), "*"))),
                List.of(statements(allow(List.of("s3:*", "ec2:*"), "*"))));
        assertTrue(p.hasBoundary());
        assertTrue(p.isUnconstrained("s3:DeleteBucket"));
        assertTrue(p.grant("iam:CreateUser", "*").isEmpty(), "identity grants iam but the boundary does not");
        assertTrue(p.grant("ec2:RunInstances", "*").isEmpty(), "the boundary allows ec2 but no identity policy does");
    }

    @Test
    void shouldKeepScopedAndConditionalGrantsApartFromGrantsOnEverything() {
        EffectivePermissions p = permissions(List.of(statements(
                allow(List.of("s3:GetObject"), "arn:aws:s3:::reports/*"),
                "{'Effect':'Allow','Action':'ec2:TerminateInstances','Resource':'*',"
                        + "'Condition':{'StringEquals':{'aws:ResourceTag/env':'dev'}}}")), null);
        Grant scoped = p.grant("s3:GetObject", "arn:aws:s3:::reports/*").orElseThrow();
        assertFalse(scoped.unconstrained());
        assertFalse(scoped.conditional());
        assertTrue(p.grant("s3:GetObject", "arn:aws:s3:::payroll/*").isEmpty());
        assertFalse(p.isUnconstrained("s3:GetObject"));
        Grant conditional = p.grant("ec2:TerminateInstances", "*").orElseThrow();
        assertTrue(conditional.conditional());
        assertFalse(p.isUnconstrained("ec2:TerminateInstances"));
        int terminate = ActionCatalog.standard().find("ec2:TerminateInstances").orElseThrow().index();
        assertTrue(p.conditionalOnly().get(terminate));
    }

    @Test
    void shouldKeepGrantWhenADenyCoversOnlyPartOfTheResources() {
        EffectivePermissions p = permissions(List.of(statements(allow(List.of("s3:*"), "*"),
                deny(List.of("s3:*"), "arn:aws:s3:::secret/*"))), null);
        assertTrue(p.grant("s3:GetObject", "arn:aws:s3:::reports/*").isPresent());
        assertTrue(p.grant("s3:GetObject", "arn:aws:s3:::secret/*").isEmpty());
    }

    @Test
    void shouldResolvePermissionSetPoliciesPerTargetAccountWhenProvisioned() {
        String other = "444455556666";
        Inventory inv = new Inventory()
                .policy(ACCOUNT, "ReadOnlyAccess", true, document(S3_READ))
                .policy(ACCOUNT, "TeamPolicy", false, document(EC2_ADMIN))
                .policy(ACCOUNT, "Boundary", false, document("{'Version':'2012-10-17','Statement':[{'Effect':"
                        + "'Allow','Action':['s3:*','iam:*'],'Resource':'*'}]}"))
                .permissionSet("Dev", Map.of(
                        "awsManagedPolicies", List.of(Map.of("name", "ReadOnlyAccess", "arn",
                                "arn:aws:iam::aws:policy/ReadOnlyAccess")),
                        "customerManagedPolicies", List.of(Map.of("name", "TeamPolicy", "path", "/")),
                        "inlinePolicy", document("{'Version':'2012-10-17','Statement':[{'Sid':'Iam','Effect':"
                                + "'Allow','Action':'iam:PassRole','Resource':'*'}]}"),
                        "permissionsBoundary", Map.of("customerManagedPolicyReference",
                                Map.of("name", "Boundary", "path", "/")),
                        "provisionedAccounts", List.of(ACCOUNT, other)));
        List<PrincipalPolicies> sets = new PolicyResolver(inv.resources()).principals(inv.resources());
        assertEquals(2, sets.size());
        PrincipalPolicies home = sets.get(0);
        assertEquals(ACCOUNT, home.accountId());
        assertEquals(List.of("ReadOnlyAccess", "TeamPolicy", "inline:Dev"),
                home.identity().stream().map(p -> p.name()).toList());
        EffectivePermissions p = effective(home);
        assertTrue(p.isUnconstrained("s3:GetObject") && p.isUnconstrained("iam:PassRole"));
        assertTrue(p.grant("ec2:RunInstances", "*").isEmpty(), "the boundary cuts ec2");
        PrincipalPolicies away = sets.get(1);
        assertEquals(other, away.accountId());
        assertEquals(List.of("arn:aws:iam::" + other + ":policy/TeamPolicy",
                "arn:aws:iam::" + other + ":policy/Boundary"), away.unresolved());
        Inventory assigned = new Inventory();
        assigned.resources().addAll(inv.resources());
        assigned.resources().add(new io.postureaudit.collect.CollectedResource("arn:aws:sso:::assignment/1",
                "identitycenter.assignment", ACCOUNT, "us-east-1", "a1", Map.of("permissionSetArn",
                home.arn(), "accountId", other, "principalType", "GROUP", "principalName", "developers"), Map.of()));
        List<io.postureaudit.policy.PrincipalAnalysis> analyses = io.postureaudit.policy.PrincipalAnalyzer.analyze(
                assigned.resources(), java.time.Clock.fixed(java.time.Instant.parse("2026-11-27T00:00:00Z"),
                java.time.ZoneOffset.UTC));
        assertEquals(List.of(), analyses.get(0).facts().get("assignments"));
        assertEquals(List.of("GROUP:developers"), analyses.get(1).facts().get("assignments"));
        assertNull(analyses.get(1).suggestion(), "Identity Center reports no usage for permission sets");
    }

    @Test
    void shouldRecordParseErrorsWithPathsWhenADocumentIsMalformed() {
        Inventory inv = new Inventory().user(ACCOUNT, "carol", Map.of("inlinePolicies", List.of(inline("bad",
                document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3 GetObject'}]}")))),
                Map.of());
        PrincipalPolicies carol = user(inv);
        assertEquals(1, carol.errors().size());
        assertTrue(carol.errors().get(0).startsWith("inline:bad: $.Statement[0].Action"), carol.errors().get(0));
    }

    // Groups are principals too; these tests look at the user.
    private static PrincipalPolicies user(Inventory inv) {
        return new PolicyResolver(inv.resources()).principals(inv.resources()).stream()
                .filter(p -> !p.type().equals("iam.group")).findFirst().orElseThrow();
    }

    @Test
    void shouldNotCountAnActionWhoseResourcesThePatternCannotName() {
        EffectivePermissions p = io.postureaudit.policy.TestPolicies.permissions(List.of(statements(
                allow(List.of("iam:CreateAccessKey", "iam:PassRole"), "arn:aws:iam::*:role/*"),
                allow(List.of("s3:ListBucket", "s3:GetObject"), "arn:aws:s3:::reports/*"),
                allow(List.of("kms:ListKeys", "kms:Decrypt"), "arn:aws:kms:*:*:key/*"))), null);
        ActionCatalog catalog = ActionCatalog.standard();
        List<String> allowed = catalog.ids(p.allowed());
        assertEquals(List.of("iam:PassRole", "kms:Decrypt", "s3:GetObject"), allowed.stream().sorted().toList());
        assertTrue(p.isUnconstrained("kms:Decrypt"), "key/* is every key");
        assertFalse(p.isUnconstrained("kms:ListKeys"), "an action without resource types needs Resource *");
        assertTrue(p.grant("iam:CreateAccessKey", "arn:aws:iam::" + ACCOUNT + ":user/*").isEmpty());
        assertTrue(p.grant("iam:PassRole", "arn:aws:iam::" + ACCOUNT + ":role/*").isPresent());
    }
}
