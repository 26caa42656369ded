package io.postureaudit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.policy.catalog.AccessLevel;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.StatementCache;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyParser;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every AWS managed policy goes through the analyser; known facts about well-known policies hold. */
class ManagedPolicyCorpusTest {

    /**
     * Managed policies that name actions the Service Authorization Reference does not list: retired services
     * (DeepLens, DeepRacer, IoT 1-Click, Mobile Hub, Zocalo, …) or actions AWS never documented. Listed with their
     * actions in docs/policy-engine.md; any other policy with unknown actions fails the test.
     */
    static final Set<String> DOCUMENTED_UNKNOWN_ACTION_POLICIES = Set.of(
            "AWSCodeStarFullAccess", "AWSDeepLensLambdaFunctionAccessPolicy", "AWSDeepLensServiceRolePolicy",
            "AWSDeepRacerAccountAdminAccess", "AWSDeepRacerDefaultMultiUserAccess", "AWSDeepRacerServiceRolePolicy",
            "AWSIAMIdentityCenterAllowListForIdentityContext", "AWSIoT1ClickFullAccess", "AWSIoT1ClickReadOnlyAccess",
            "AWSIotRoboRunnerFullAccess", "AWSIotRoboRunnerReadOnly", "AWSManagedSettingsAdminAccess",
            "AWSMobileHub_FullAccess", "AWSMobileHub_ReadOnly", "AWSSupplyChainFederationAdminAccess",
            "AmazonDataZonePortalFullAccessPolicy", "AmazonDataZonePreviewConsoleFullAccess", "AmazonDataZoneSageMakerEnvironmentRolePermissionsBoundary",
            "AmazonRoute53RecoveryControlConfigReadOnlyAccess", "AmazonSageMakerFullAccess", "AmazonZocaloFullAccess",
            "AmazonZocaloReadOnlyAccess", "GroundTruthSyntheticConsoleFullAccess", "GroundTruthSyntheticConsoleReadOnlyAccess",
            "MemoryDBServiceRolePolicy", "RDSCloudHsmAuthorizationRole", "ReadOnlyAccess",
            "ResourceGroupsTaggingAPITagUntagSupportedResources", "SecurityAgentWebAppAPIPolicy", "SecurityAudit");

    /**
     * Actions the Service Authorization Reference classifies as Write or Permissions management although they read
     * (their names say Get/List/Describe; s3express:CreateSession is how S3 Express reads start). The read-only
     * policies reach them through read wildcards or on purpose. Listed in docs/policy-engine.md.
     */
    static final Set<String> READ_NAMED_WRITES = Set.of("athena:GetSessionEndpoint",
            "backup:ListIndexedRecoveryPointsForSearch", "billing:GetResourcePolicy",
            "cognito-idp:GetTokensFromRefreshToken", "iot:GetConnection", "iot:ListSubscriptions",
            "s3express:CreateSession", "ssm-sap:GetResourcePermission", "quicksight:DescribeKnowledgeBasePermissions",
            "quicksight:DescribeSpacePermissions", "quicksight:DescribeTopicPermissions");

    static Map<String, JsonNode> corpus;
    static Map<String, PolicyAnalysis> analyses = new LinkedHashMap<>();
    static final ActionCatalog CATALOG = ActionCatalog.standard();

    @BeforeAll
    static void analyseAll() {
        corpus = ManagedPolicyCorpus.load();
        PolicyDocumentAnalyzer analyzer = new PolicyDocumentAnalyzer(CATALOG, java.time.Clock.systemUTC());
        corpus.forEach((name, doc) -> analyses.put(name, analyzer.analyze(name, PolicyParser.parse(doc))));
    }

    @Test
    void shouldAnalyseEveryManagedPolicyWhenTheCorpusIsLoaded() {
        assertTrue(corpus.size() >= 1500, "expected the full corpus (~1,594 policies), found " + corpus.size());
        assertEquals(corpus.size(), analyses.size());
        analyses.values().forEach(a -> assertTrue(a.leastPrivilegeScore() >= 0 && a.leastPrivilegeScore() <= 100));
    }

    @Test
    void shouldReportUnknownActionsOnlyForDocumentedPoliciesWhenAnalysingTheCorpus() {
        Map<String, Object> noisy = new TreeMap<>();
        analyses.forEach((name, a) -> {
            List<?> unknown = (List<?>) a.facts().get("unknownActions");
            if (!unknown.isEmpty()) {
                noisy.put(name, unknown);
            }
        });
        noisy.keySet().removeAll(DOCUMENTED_UNKNOWN_ACTION_POLICIES);
        assertEquals(Map.of(), noisy, "policies with unknown actions beyond the documented ones");
        assertTrue(((List<?>) analyses.get("AWSDeepRacerServiceRolePolicy").facts().get("unknownActions"))
                .contains("deepracer:*"), "unknown actions are reported, not dropped");
    }

    @Test
    void shouldReportAdministratorAccessAsAdminWhenAnalysed() {
        Map<String, Object> facts = analyses.get("AdministratorAccess").facts();
        assertEquals(true, facts.get("isAdmin"));
        assertEquals(true, facts.get("adminEquivalent"));
        assertTrue(analyses.get("AdministratorAccess").leastPrivilegeScore() <= 5);
    }

    @Test
    void shouldReportEscalationWhenAnalysingIamFullAccess() {
        PolicyAnalysis iam = analyses.get("IAMFullAccess");
        List<?> methods = (List<?>) iam.facts().get("escalationMethods");
        assertTrue(methods.contains("iam-create-policy-version") && methods.contains("iam-attach-user-policy"),
                "expected IAM escalation methods, found " + methods);
        assertEquals(false, iam.facts().get("isAdmin"));
        assertTrue(iam.leastPrivilegeScore() <= 30);
    }

    @Test
    void shouldGrantNoWriteOrPermissionsManagementWhenAnalysingReadOnlyPolicies() {
        for (String name : List.of("ReadOnlyAccess", "SecurityAudit", "ViewOnlyAccess")) {
            EffectivePermissions p = EffectivePermissions.of(CATALOG,
                    List.of(new NamedPolicy(name, PolicyParser.parse(corpus.get(name)))), null, new StatementCache());
            BitSet allowed = p.allowed();
            List<String> writes = new ArrayList<>();
            for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
                AccessLevel level = CATALOG.get(i).level();
                if (level == AccessLevel.WRITE || level == AccessLevel.PERMISSIONS_MANAGEMENT) {
                    writes.add(CATALOG.get(i).id());
                }
            }
            writes.removeAll(READ_NAMED_WRITES);
            assertTrue(writes.isEmpty(), name + ": expected no Write or Permissions management action, found "
                    + writes.size() + ": " + writes.subList(0, Math.min(20, writes.size())));
            assertTrue(allowed.cardinality() > 100, name + ": expected a broad read grant, found "
                    + allowed.cardinality());
            assertEquals(List.of(), analyses.get(name).facts().get("escalationMethods"), name);
        }
    }

    @Test
    void shouldNotReportPowerUserAccessAsAdminWhenAnalysed() {
        Map<String, Object> facts = analyses.get("PowerUserAccess").facts();
        assertEquals(false, facts.get("isAdmin"));
        assertEquals(false, facts.get("adminEquivalent"));
        assertFalse(((List<?>) facts.get("exfiltrationActions")).isEmpty());
        Set<String> categories = Set.copyOf(analyses.get("PowerUserAccess").risks().stream()
                .map(r -> r.category().id()).toList());
        assertTrue(categories.contains("infrastructure-modification"), "found " + categories);
    }
}
