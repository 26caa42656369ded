package io.postureaudit.policy;

import static io.postureaudit.policy.Inventory.ACCOUNT;
import static io.postureaudit.policy.Inventory.attached;
import static io.postureaudit.policy.Inventory.document;
import static io.postureaudit.policy.Inventory.inline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.policy.risk.Risk;
import io.postureaudit.policy.risk.RiskCategory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry point over a small snapshot: risks with evidence, facts, scores, unused access and right-sizing. */
class PrincipalAnalyzerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);
    private static final String ADMIN = "{'Version':'2012-10-17','Statement':[{'Sid':'All','Effect':'Allow',"
            + "'Action':'*','Resource':'*'}]}";
    private static final String APP = "{'Version':'2012-10-17','Statement':[{'Sid':'App','Effect':'Allow',"
            + "'Action':['s3:GetObject','s3:PutObject','dynamodb:*','sqs:SendMessage'],"
            + "'Resource':['arn:aws:s3:::app-data/*','arn:aws:dynamodb:*:111122223333:table/app',"
            + "'arn:aws:sqs:*:111122223333:app']}]}";
    private static final String LAMBDA_TRUST = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
            + "'Principal':{'Service':'lambda.amazonaws.com'},'Action':'sts:AssumeRole'}]}";

    private static Inventory snapshot() {
        return new Inventory()
                .policy(ACCOUNT, "AdministratorAccess", true, document(ADMIN))
                .policy(ACCOUNT, "SelfService", false, document("{'Version':'2012-10-17','Statement':[{'Sid':"
                        + "'Versions','Effect':'Allow','Action':'iam:CreatePolicyVersion','Resource':"
                        + "'arn:aws:iam::111122223333:policy/SelfService'}]}"))
                .group(ACCOUNT, "admins", List.of(attached("arn:aws:iam::aws:policy/AdministratorAccess")), List.of())
                .user(ACCOUNT, "root-like", Map.of("groups", List.of("admins"), "credentials", Map.of(
                        "passwordEnabled", true, "mfaActive", true, "accessKeys", List.of(Map.of("number", 1,
                                "active", true, "lastRotated", "2025-01-01T00:00:00Z")))), Map.of(
                        "passwordLastUsed", "2025-02-01T00:00:00Z",
                        "accessKeys", List.of(Map.of("number", 1, "lastUsedDate", "2025-03-01T00:00:00Z"))))
                .user(ACCOUNT, "tinkerer", Map.of("attachedPolicies", List.of(attached(
                        "arn:aws:iam::111122223333:policy/SelfService"))), Map.of())
                .role(ACCOUNT, "app", document(LAMBDA_TRUST), Map.of("inlinePolicies", List.of(inline("app",
                        document(APP)))), Map.of("roleLastUsed", Map.of("lastUsedDate", "2026-11-20T00:00:00Z"),
                        "serviceLastAccessed", List.of(
                                Map.of("serviceNamespace", "s3", "lastAuthenticated", "2026-11-20T00:00:00Z",
                                        "actions", List.of(Map.of("actionName", "GetObject",
                                                "lastAccessed", "2026-11-20T00:00:00Z"))),
                                Map.of("serviceNamespace", "dynamodb", "lastAuthenticated", "2026-11-01T00:00:00Z"),
                                mapWithNull("sqs"))));
    }

    private static Map<String, Object> mapWithNull(String service) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("serviceNamespace", service);
        m.put("lastAuthenticated", null);
        return m;
    }

    private static PrincipalAnalysis byName(List<PrincipalAnalysis> all, String name) {
        return all.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shouldReportAdminWithEvidenceWhenAUserInheritsAdministratorAccessThroughAGroup() {
        PrincipalAnalysis admin = byName(PrincipalAnalyzer.analyze(snapshot().resources(), CLOCK), "root-like");
        assertEquals(true, admin.facts().get("isAdmin"));
        Risk risk = admin.risks().stream().filter(r -> r.category() == RiskCategory.ADMIN).findFirst().orElseThrow();
        assertEquals("group:admins/AdministratorAccess", risk.evidence().get(0).policy());
        assertEquals("All", risk.evidence().get(0).statement());
        assertTrue(admin.leastPrivilegeScore() <= 5);
        assertEquals(List.of(1), admin.facts().get("unusedAccessKeys"));
        assertEquals(true, admin.facts().get("unusedPassword"));
        assertEquals(true, admin.facts().get("unusedPrincipal"));
        assertEquals(636L, admin.facts().get("daysSinceLastUse"));
    }

    @Test
    void shouldReportAdminEquivalenceWhenAUserCanRewriteAPolicyItHolds() {
        PrincipalAnalysis tinkerer = byName(PrincipalAnalyzer.analyze(snapshot().resources(), CLOCK), "tinkerer");
        assertEquals(false, tinkerer.facts().get("isAdmin"));
        assertEquals(true, tinkerer.facts().get("adminEquivalent"));
        assertTrue(tinkerer.risks().stream().anyMatch(r -> r.category() == RiskCategory.ADMIN
                && r.detail().contains("iam:CreatePolicyVersion")), tinkerer.risks().toString());
        assertTrue(tinkerer.leastPrivilegeScore() <= 10);
    }

    @Test
    void shouldScoreAScopedRoleHighAndSuggestOnlyUsedServicesWhenUsageIsKnown() {
        PrincipalAnalysis app = byName(PrincipalAnalyzer.analyze(snapshot().resources(), CLOCK), "app");
        assertEquals(List.of(), app.facts().get("escalationMethods"));
        assertEquals(List.of("sqs"), app.facts().get("unusedServices"));
        assertEquals(false, app.facts().get("unusedPrincipal"));
        assertTrue(app.leastPrivilegeScore() >= 90, "score " + app.leastPrivilegeScore() + " facts " + app.facts());
        assertEquals(List.of(RiskCategory.UNUSED_ACCESS), app.risks().stream().map(Risk::category).toList());
        assertNotNull(app.suggestion());
        assertEquals(List.of("dynamodb", "s3"), app.suggestion().keptServices());
        assertEquals(List.of("sqs"), app.suggestion().removedServices());
        String json = new ObjectMapper().valueToTree(app.suggestion().document()).toString();
        assertTrue(json.contains("s3:GetObject") && !json.contains("s3:PutObject"), json);
        assertTrue(json.contains("arn:aws:s3:::app-data/*") && json.contains("dynamodb:*"), json);
    }

    @Test
    void shouldGiveTheContractShapeWhenSerialisingTheView() throws Exception {
        PrincipalAnalysis admin = byName(PrincipalAnalyzer.analyze(snapshot().resources(), CLOCK), "root-like");
        String json = new ObjectMapper().writeValueAsString(admin.view());
        assertTrue(json.startsWith("{\"arn\":\"arn:aws:iam::111122223333:user/root-like\",\"type\":\"iam.user\","
                + "\"accountId\":\"111122223333\",\"leastPrivilegeScore\":"), json);
        assertTrue(json.contains("{\"category\":\"admin\",\"detail\":"), json);
        assertTrue(json.contains("\"evidence\":[{\"policy\":\"group:admins/AdministratorAccess\",\"statement\":\"All\"}]"),
                json);
    }

    @Test
    void shouldGiveTheSameAnswerWhenRunTwice() {
        List<PrincipalAnalysis> first = PrincipalAnalyzer.analyze(snapshot().resources(), CLOCK);
        List<PrincipalAnalysis> second = PrincipalAnalyzer.analyze(snapshot().resources(), CLOCK);
        assertEquals(first, second);
    }

    @Test
    void shouldReportUnresolvedPoliciesInsteadOfNoPermissionsWhenAManagedPolicyIsMissing() {
        Inventory inv = new Inventory().role(ACCOUNT, "ops", document(LAMBDA_TRUST), Map.of("attachedPolicies",
                List.of(attached("arn:aws:iam::aws:policy/RetiredPolicyNotBundled"))), Map.of());
        PrincipalAnalysis ops = PrincipalAnalyzer.analyze(inv.resources(), CLOCK).get(0);
        assertEquals(List.of("arn:aws:iam::aws:policy/RetiredPolicyNotBundled"), ops.unresolved());
        assertEquals(List.of("arn:aws:iam::aws:policy/RetiredPolicyNotBundled"),
                ops.facts().get("unresolvedPolicies"));
        assertEquals(List.of(), ops.facts().get("bundledPolicies"));
        assertNull(ops.suggestion());
        assertEquals(false, ops.facts().get("isAdmin"), "nothing resolved, so nothing is claimed either way");
        assertTrue(ops.facts().containsKey("unusedAccessKeys") && ops.facts().containsKey("publicTrust"));
    }

    @Test
    void shouldReportAdminEquivalenceWhenTheRewritablePolicyComesThroughAGroup() {
        String arn = "arn:aws:iam::111122223333:policy/TeamTools";
        Inventory inv = new Inventory()
                .policy(ACCOUNT, "TeamTools", false, document("{'Version':'2012-10-17','Statement':[{'Sid':'Tools',"
                        + "'Effect':'Allow','Action':'iam:CreatePolicyVersion','Resource':'" + arn + "'}]}"))
                .group(ACCOUNT, "team", List.of(attached(arn)), List.of())
                .user(ACCOUNT, "member", Map.of("groups", List.of("team")), Map.of());
        PrincipalAnalysis member = PrincipalAnalyzer.analyze(inv.resources(), CLOCK).get(0);
        assertEquals(true, member.facts().get("adminEquivalent"));
        Inventory unrelated = new Inventory()
                .policy(ACCOUNT, "TeamTools", false, document("{'Version':'2012-10-17','Statement':[{'Sid':'Tools',"
                        + "'Effect':'Allow','Action':'iam:CreatePolicyVersion','Resource':"
                        + "'arn:aws:iam::111122223333:policy/OtherTeam'}]}"))
                .group(ACCOUNT, "team", List.of(attached(arn)), List.of())
                .user(ACCOUNT, "member", Map.of("groups", List.of("team")), Map.of());
        PrincipalAnalysis other = PrincipalAnalyzer.analyze(unrelated.resources(), CLOCK).get(0);
        assertEquals(false, other.facts().get("adminEquivalent"));
        assertEquals(List.of("iam-create-policy-version"), other.facts().get("escalationMethods"),
                "rewriting another policy is still an escalation path");
    }

    @Test
    void shouldJudgeStarColonStarAsAdministratorWhenARealAccountWritesIt() {
        Inventory snapshot = new Inventory().user(ACCOUNT, "wild", Map.of("inlinePolicies", List.of(inline("all",
                document("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*:*','Resource':'*'}]}")))),
                Map.of());
        PrincipalAnalysis wild = byName(PrincipalAnalyzer.analyze(snapshot.resources(), CLOCK), "wild");
        assertEquals(true, wild.facts().get("isAdmin"), wild.facts()::toString);
        assertTrue(wild.leastPrivilegeScore() <= 5);
        assertEquals(List.of(), wild.errors());
    }

    @Test
    void shouldLeaveThePrincipalNotJudgedWhenOneOfItsDocumentsCannotBeRead() {
        Inventory snapshot = new Inventory().user(ACCOUNT, "murky", Map.of("inlinePolicies", List.of(
                inline("admin", document(ADMIN)),
                inline("odd", document("{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'s3 Get',"
                        + "'Resource':'*'}]}")))), Map.of());
        PrincipalAnalysis murky = byName(PrincipalAnalyzer.analyze(snapshot.resources(), CLOCK), "murky");
        assertNull(murky.leastPrivilegeScore(), "not judged has no score, never a clean one");
        assertEquals(false, murky.facts().get("judged"));
        assertEquals(false, murky.facts().get("isAdmin"), "no verdict from half of the documents");
        assertTrue(murky.errors().get(0).startsWith("inline:odd: $.Statement[0].Action"), murky.errors()::toString);
        assertEquals("permissions", murky.notJudged().get(0).get("part"));
        assertNull(murky.view().leastPrivilegeScore());
        assertEquals(murky.errors(), murky.view().errors());
    }

    @Test
    void shouldMarkUnusedAccessNotJudgedWhenTheCredentialReportIsAGap() {
        ReadCoverage coverage = new ReadCoverage(List.of(new io.postureaudit.collect.Gap(ACCOUNT, "global", "iam",
                "GetCredentialReport", "AccessDenied: not authorized")));
        List<PrincipalAnalysis> all = new PrincipalAnalyzer(io.postureaudit.policy.catalog.ActionCatalog.standard(),
                AnalysisSettings.DEFAULTS).analyzeAll(snapshot().resources(), CLOCK, coverage);
        PrincipalAnalysis user = byName(all, "root-like");
        assertEquals("unused-access", user.notJudged().get(0).get("part"));
        assertTrue(String.valueOf(user.notJudged().get(0).get("reason")).contains("GetCredentialReport"));
        assertEquals(false, user.facts().get("unusedPrincipal"));
        assertEquals(true, user.facts().get("isAdmin"), "the authorization details are still judged");
        // Roles need no credential report: their unused access is still judged.
        assertEquals(List.of(), byName(all, "app").notJudged());
        assertTrue(coverage.authorizationComplete(ACCOUNT));
    }

    @Test
    void shouldNotCountAGrantWhoseConditionCanNeverHoldAndNameTheKeysThatOnlyNarrow() {
        Inventory snapshot = new Inventory()
                .user(ACCOUNT, "expired", Map.of("inlinePolicies", List.of(inline("old", document(
                        "{'Version':'2012-10-17','Statement':[{'Sid':'Old','Effect':'Allow','Action':'*',"
                        + "'Resource':'*','Condition':{'DateLessThan':{'aws:TokenIssueTime':'2020-01-01'}}}]}")))),
                        Map.of())
                .user(ACCOUNT, "office", Map.of("inlinePolicies", List.of(inline("office", document(
                        "{'Version':'2012-10-17','Statement':[{'Sid':'Office','Effect':'Allow','Action':"
                        + "'iam:CreatePolicyVersion','Resource':'*','Condition':{'IpAddress':"
                        + "{'aws:SourceIp':'203.0.113.0/24'}}}]}")))), Map.of());
        List<PrincipalAnalysis> all = PrincipalAnalyzer.analyze(snapshot.resources(), CLOCK);
        PrincipalAnalysis expired = byName(all, "expired");
        assertEquals(false, expired.facts().get("isAdmin"));
        assertEquals(List.of(), expired.risks());
        assertTrue(String.valueOf(expired.facts().get("impossibleStatements")).contains("inline:old/Old"),
                expired.facts()::toString);
        PrincipalAnalysis office = byName(all, "office");
        assertTrue(office.risks().stream().anyMatch(r -> r.detail().contains("under conditions on aws:SourceIp")),
                office.risks()::toString);
    }

    @Test
    void shouldNotCountChangesToRolesAwsManagesAsEscalationButStillCountCustomerRoles() {
        String reserved = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['iam:AttachRolePolicy',"
                + "'iam:PutRolePolicy','sts:AssumeRole'],'Resource':['arn:aws:iam::*:role/aws-service-role/*',"
                + "'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*']}]}";
        String customer = reserved.replace("aws-service-role/*", "app-*");
        Inventory snapshot = new Inventory()
                .user(ACCOUNT, "slr-only", Map.of("inlinePolicies", List.of(inline("p", document(reserved)))), Map.of())
                .user(ACCOUNT, "app-roles", Map.of("inlinePolicies", List.of(inline("p", document(customer)))), Map.of());
        List<PrincipalAnalysis> all = PrincipalAnalyzer.analyze(snapshot.resources(), CLOCK);
        assertEquals(List.of(), byName(all, "slr-only").facts().get("escalationMethods"));
        assertTrue(((List<?>) byName(all, "app-roles").facts().get("escalationMethods"))
                .contains("iam-attach-role-policy"), byName(all, "app-roles").facts()::toString);
    }
}
