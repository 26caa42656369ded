package io.postureaudit.policy.risk;

import static io.postureaudit.policy.TestPolicies.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.postureaudit.policy.effective.Evidence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trust policies: public, cross-account without conditions, and web identity without a subject restriction. */
class TrustRisksTest {

    private static final String ACCOUNT = "111122223333";

    private static List<Risk> analyse(String statement, Map<String, Object> facts) {
        return TrustRisks.analyse(doc("{'Version':'2012-10-17','Statement':[" + statement + "]}"), ACCOUNT, facts);
    }

    @Test
    void shouldReportPublicTrustWhenAnyPrincipalMayAssume() {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Risk> risks = analyse("{'Sid':'Open','Effect':'Allow','Principal':{'AWS':'*'},'Action':'sts:AssumeRole'}",
                facts);
        assertEquals(1, risks.size());
        assertEquals(RiskCategory.PUBLIC_TRUST, risks.get(0).category());
        assertEquals(List.of(new Evidence("assumeRolePolicy", "Open")), risks.get(0).evidence());
        assertEquals(true, facts.get("publicTrust"));
    }

    @Test
    void shouldReportCrossAccountTrustWhenNoConditionGuardsIt() {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Risk> risks = analyse("{'Effect':'Allow','Principal':{'AWS':['arn:aws:iam::999988887777:root',"
                + "'arn:aws:iam::111122223333:role/Local']},'Action':'sts:AssumeRole'}", facts);
        assertEquals(List.of(RiskCategory.CROSS_ACCOUNT_TRUST), risks.stream().map(Risk::category).toList());
        assertEquals(true, facts.get("crossAccountTrust"));
        assertEquals(List.of("999988887777"), facts.get("crossAccountPrincipals"));
    }

    @Test
    void shouldNotReportCrossAccountTrustWhenExternalIdIsRequired() {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Risk> risks = analyse("{'Effect':'Allow','Principal':{'AWS':'999988887777'},'Action':'sts:AssumeRole',"
                + "'Condition':{'StringEquals':{'sts:ExternalId':'s3cr3t'}}}", facts);
        assertEquals(List.of(), risks);
        assertEquals(false, facts.get("crossAccountTrust"));
        assertEquals(List.of("999988887777"), facts.get("crossAccountPrincipals"));
    }

    @Test
    void shouldReportGithubOidcTrustWhenTheSubjectIsNotRestricted() {
        String github = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Risk> audienceOnly = analyse("{'Effect':'Allow','Principal':{'Federated':'" + github + "'},"
                + "'Action':'sts:AssumeRoleWithWebIdentity','Condition':{'StringEquals':"
                + "{'token.actions.githubusercontent.com:aud':'sts.amazonaws.com'}}}", facts);
        assertEquals(List.of(RiskCategory.PUBLIC_TRUST), audienceOnly.stream().map(Risk::category).toList());
        assertEquals(List.of(github), facts.get("federatedWithoutSubject"));
        List<Risk> wildcardRepo = analyse("{'Effect':'Allow','Principal':{'Federated':'" + github + "'},"
                + "'Action':'sts:AssumeRoleWithWebIdentity','Condition':{'StringLike':"
                + "{'token.actions.githubusercontent.com:sub':'repo:*'}}}", new LinkedHashMap<>());
        assertEquals(1, wildcardRepo.size(), "repo:* lets every repository in");
        List<Risk> pinned = analyse("{'Effect':'Allow','Principal':{'Federated':'" + github + "'},"
                + "'Action':'sts:AssumeRoleWithWebIdentity','Condition':{'StringLike':"
                + "{'token.actions.githubusercontent.com:sub':'repo:acme/app:ref:refs/heads/main'}}}",
                new LinkedHashMap<>());
        assertEquals(List.of(), pinned);
    }

    @Test
    void shouldIgnoreServicePrincipalsWhenServicesAssumeTheRole() {
        Map<String, Object> facts = new LinkedHashMap<>();
        assertEquals(List.of(), analyse("{'Effect':'Allow','Principal':{'Service':'lambda.amazonaws.com'},"
                + "'Action':'sts:AssumeRole'}", facts));
        assertEquals(false, facts.get("publicTrust"));
    }
}
