package io.postureaudit.policy;

import static io.postureaudit.policy.Inventory.ACCOUNT;
import static io.postureaudit.policy.Inventory.attached;
import static io.postureaudit.policy.Inventory.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.policy.catalog.AccessLevel;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ManagedPolicyLibrary;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.PolicyResolver;
import io.postureaudit.policy.effective.PrincipalPolicies;
import io.postureaudit.policy.effective.StatementCache;
import io.postureaudit.policy.eval.MatchedStatement;
import io.postureaudit.policy.eval.SimulationInput;
import io.postureaudit.policy.eval.SimulationResult;
import io.postureaudit.policy.risk.Risk;
import io.postureaudit.policy.risk.RiskCategory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS managed policies the snapshot lacks are analysed from the bundled library, and marked as such. */
class BundledManagedPoliciesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
    private static final String ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String READ_ONLY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String MARKER = " (AWS managed, bundled " + ManagedPolicyLibrary.bundled().version() + ")";
    private static final String LAMBDA_TRUST = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
            + "'Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole'}]}";

    private static Inventory permissionSet(String name, String... managedArns) {
        List<Map<String, Object>> refs = new ArrayList<>();
        for (String arn : managedArns) {
            refs.add(Map.of("name", arn.substring(arn.lastIndexOf('/') + 1), "arn", arn));
        }
        return new Inventory().permissionSet(name, Map.of("awsManagedPolicies", refs,
                "provisionedAccounts", List.of(ACCOUNT)));
    }

    private static PrincipalAnalysis only(Inventory inv) {
        List<PrincipalAnalysis> all = PrincipalAnalyzer.analyze(inv.resources(), CLOCK);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static PrincipalPolicies resolved(Inventory inv) {
        return new PolicyResolver(inv.resources()).principals(inv.resources()).get(0);
    }

    @Test
    void shouldReportAdminWhenAPermissionSetHoldsOnlyAdministratorAccessAndNoAccountHasItAttached() {
        PrincipalAnalysis admins = only(permissionSet("AdministratorAccess", ADMIN_ARN));
        assertEquals(true, admins.facts().get("isAdmin"));
        assertEquals(true, admins.facts().get("adminEquivalent"));
        assertEquals(List.of(), admins.unresolved());
        assertEquals(List.of(ADMIN_ARN), admins.facts().get("bundledPolicies"));
        Risk admin = admins.risks().stream().filter(r -> r.category() == RiskCategory.ADMIN).findFirst()
                .orElseThrow();
        assertEquals("AdministratorAccess" + MARKER, admin.evidence().get(0).policy(),
                "evidence says the document is the bundled one, not the account's");
        assertTrue(admins.leastPrivilegeScore() <= 5);
    }

    @Test
    void shouldReadAllDataAndWriteNothingWhenAPermissionSetHoldsOnlyReadOnlyAccess() {
        Inventory inv = permissionSet("ReadOnly", READ_ONLY_ARN);
        PrincipalAnalysis readers = only(inv);
        assertEquals(true, readers.facts().get("canReadAllData"));
        assertEquals(false, readers.facts().get("isAdmin"));
        assertEquals(false, readers.facts().get("adminEquivalent"));
        assertEquals(List.of(), readers.facts().get("escalationMethods"));
        assertEquals(List.of(), readers.facts().get("infrastructureActions"));
        assertEquals(List.of(READ_ONLY_ARN), readers.facts().get("bundledPolicies"));
        ActionCatalog catalog = ActionCatalog.standard();
        PrincipalPolicies p = resolved(inv);
        BitSet allowed = EffectivePermissions.of(catalog, p.identity(), p.boundary(), new StatementCache()).allowed();
        List<String> writes = new ArrayList<>();
        for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
            AccessLevel level = catalog.get(i).level();
            if (level == AccessLevel.WRITE || level == AccessLevel.PERMISSIONS_MANAGEMENT) {
                writes.add(catalog.get(i).id());
            }
        }
        writes.removeAll(ManagedPolicyCorpusTest.READ_NAMED_WRITES);
        assertEquals(List.of(), writes, "read-only access reaches no Write or Permissions management action");
    }

    @Test
    void shouldUseTheSnapshotsDocumentWhenTheAccountHasTheManagedPolicy() {
        // The account's copy is what IAM enforces there, even if it differs from the bundled version.
        Inventory inv = new Inventory()
                .policy(ACCOUNT, "ReadOnlyAccess", true, document("{'Version':'2012-10-17','Statement':[{'Sid':"
                        + "'Narrow','Effect':'Allow','Action':'s3:GetObject','Resource':'*'}]}"))
                .role(ACCOUNT, "auditor", document(LAMBDA_TRUST), Map.of("attachedPolicies",
                        List.of(attached(READ_ONLY_ARN))), Map.of());
        PrincipalPolicies auditor = resolved(inv);
        assertEquals(List.of("ReadOnlyAccess"), auditor.identity().stream().map(n -> n.name()).toList());
        assertEquals(List.of(), auditor.bundled());
        PrincipalAnalysis analysis = only(inv);
        assertEquals(false, analysis.facts().get("canReadAllData"), "the modified copy grants s3:GetObject only");
        assertEquals(1, analysis.facts().get("allowedActionCount"));
        assertEquals(List.of(), analysis.facts().get("bundledPolicies"));
    }

    @Test
    void shouldStayUnresolvedWhenTheArnIsUnknownOrCustomerManaged() {
        String customer = "arn:aws:iam::" + ACCOUNT + ":policy/AdministratorAccess";
        Inventory inv = new Inventory().role(ACCOUNT, "ops", document(LAMBDA_TRUST), Map.of("attachedPolicies",
                List.of(attached("arn:aws:iam::aws:policy/RetiredPolicyNotBundled"), attached(customer))), Map.of());
        PrincipalAnalysis ops = only(inv);
        assertEquals(List.of("arn:aws:iam::aws:policy/RetiredPolicyNotBundled", customer), ops.unresolved());
        assertEquals(List.of(), ops.facts().get("bundledPolicies"));
        assertEquals(false, ops.facts().get("isAdmin"), "a customer policy named like an AWS one is not the AWS one");
        Inventory set = new Inventory().permissionSet("Team", Map.of("customerManagedPolicies",
                List.of(Map.of("name", "AdministratorAccess", "path", "/")), "provisionedAccounts", List.of(ACCOUNT)));
        PrincipalPolicies team = resolved(set);
        assertEquals(List.of(customer), team.unresolved());
        assertEquals(List.of(), team.identity());
    }

    @Test
    void shouldResolveOtherPartitionsAndServiceRoleAndJobFunctionPathsWhenBundled() {
        String lambdaCn = "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        String viewOnly = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess";
        Inventory inv = new Inventory()
                .group(ACCOUNT, "viewers", List.of(attached(viewOnly)), List.of())
                .role(ACCOUNT, "fn", document(LAMBDA_TRUST), Map.of("attachedPolicies", List.of(attached(lambdaCn))),
                        Map.of())
                .user(ACCOUNT, "viewer", Map.of("groups", List.of("viewers")), Map.of());
        List<PrincipalPolicies> all = new PolicyResolver(inv.resources()).principals(inv.resources());
        // Groups are principals too (what they give each member); pick the role and the user by type.
        PrincipalPolicies fn = all.stream().filter(p -> p.type().equals("iam.role")).findFirst().orElseThrow();
        assertEquals(List.of(lambdaCn), fn.bundled());
        assertEquals(List.of("AWSLambdaBasicExecutionRole" + MARKER),
                fn.identity().stream().map(n -> n.name()).toList());
        assertTrue(EffectivePermissions.of(ActionCatalog.standard(), fn.identity(), fn.boundary(),
                new StatementCache()).isUnconstrained("logs:PutLogEvents"));
        PrincipalPolicies viewer = all.stream().filter(p -> p.type().equals("iam.user")).findFirst().orElseThrow();
        assertEquals(List.of(viewOnly), viewer.bundled());
        assertEquals(List.of("group:viewers/ViewOnlyAccess" + MARKER),
                viewer.identity().stream().map(n -> n.name()).toList());
    }

    @Test
    void shouldIntersectWithABundledBoundaryWhenTheBoundaryIsAwsManaged() {
        String powerUser = "arn:aws:iam::aws:policy/PowerUserAccess";
        Inventory inv = new Inventory()
                .user(ACCOUNT, "builder", Map.of("attachedPolicies", List.of(attached(ADMIN_ARN)),
                        "permissionsBoundary", Map.of("type", "Policy", "arn", powerUser)), Map.of())
                .permissionSet("Bounded", Map.of("awsManagedPolicies", List.of(Map.of("name", "AdministratorAccess",
                        "arn", ADMIN_ARN)), "permissionsBoundary", Map.of("managedPolicyArn", powerUser),
                        "provisionedAccounts", List.of(ACCOUNT)));
        for (PrincipalAnalysis a : PrincipalAnalyzer.analyze(inv.resources(), CLOCK)) {
            assertEquals(true, a.facts().get("hasBoundary"), a.name());
            assertEquals(false, a.facts().get("isAdmin"), a.name() + ": PowerUserAccess leaves IAM out");
            assertEquals(List.of(ADMIN_ARN, powerUser), a.facts().get("bundledPolicies"), a.name());
            assertEquals(List.of(), a.unresolved(), a.name());
        }
    }

    @Test
    void shouldNameTheBundledPolicyWhenSimulatingAgainstTheSnapshot() {
        List<CollectedResource> snapshot = new Inventory().role(ACCOUNT, "admin", document(LAMBDA_TRUST),
                Map.of("attachedPolicies", List.of(attached(ADMIN_ARN))), Map.of()).resources();
        SimulationResult r = SnapshotSimulator.simulate(new SimulationInput("arn:aws:iam::" + ACCOUNT
                + ":role/admin", "s3:GetObject", "*", null, Map.of(), null, null, null, null), snapshot).orElseThrow();
        assertEquals("allowed", r.decision());
        assertFalse(r.matchedStatements().isEmpty());
        for (MatchedStatement m : r.matchedStatements()) {
            assertEquals("AdministratorAccess" + MARKER, m.policy());
        }
    }
}
