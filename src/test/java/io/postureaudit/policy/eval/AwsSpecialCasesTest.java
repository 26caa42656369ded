package io.postureaudit.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AWS's own special cases, each with the case it applies to and the lookalike it does not (sources in
 * docs/policy-engine.md, "AWS's own special cases").
 */
class AwsSpecialCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/app/s1";
    private static final String KEY = "arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String ROLE = "arn:aws:iam::111122223333:role/target";
    private static final String ALL = "{'Version':'2012-10-17','Statement':[{'Sid':'All','Effect':'Allow','Action':'*',"
            + "'Resource':'*'}]}";

    private static JsonNode doc(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    private static String decide(String principal, String action, String resource, List<String> identity,
            List<String> boundaries, String resourcePolicy) {
        return Simulator.simulate(new SimulationInput(principal, action, resource, null, Map.of(),
                identity.stream().map(AwsSpecialCasesTest::doc).toList(),
                boundaries.stream().map(AwsSpecialCasesTest::doc).toList(),
                resourcePolicy == null ? null : doc(resourcePolicy), null)).decision();
    }

    private static String resourcePolicy(String principal, String action) {
        return "{'Version':'2012-10-17','Statement':[{'Sid':'Named','Effect':'Allow','Principal':{'AWS':'" + principal
                + "'},'Action':'" + action + "','Resource':'*'}]}";
    }

    @Test
    void shouldAllowGetCallerIdentityEvenUnderAnExplicitDenyButNotOtherStsCalls() {
        String denyAll = "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'*','Resource':'*'}]}";
        assertEquals("allowed", decide(ALICE, "sts:GetCallerIdentity", "*", List.of(denyAll), List.of(), null));
        assertEquals("allowed", decide(ALICE, "sts:GetCallerIdentity", "*", List.of(), List.of(), null));
        assertEquals("explicitDeny", decide(ALICE, "sts:GetSessionToken", "*", List.of(denyAll), List.of(), null));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "iam:CreatePolicyVersion,arn:aws:iam::aws:policy/AdministratorAccess",
        "iam:DeletePolicy,arn:aws:iam::aws:policy/ReadOnlyAccess",
        "iam:TagPolicy,arn:aws:iam::aws:policy/ReadOnlyAccess",
        "iam:AttachRolePolicy,arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
        "iam:PutRolePolicy,arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_Admin_0123456789abcdef",
        "iam:UpdateAssumeRolePolicy,arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef",
        "iam:DeleteRole,arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport",
        "kms:DeleteAlias,arn:aws:kms:ap-northeast-1:111122223333:alias/aws/s3"
    })
    void shouldRefuseChangesToWhatAwsReservesWhateverThePoliciesSay(String action, String resource) {
        assertEquals("implicitDeny", decide(ALICE, action, resource, List.of(ALL), List.of(), null));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "iam:CreatePolicyVersion,arn:aws:iam::111122223333:policy/aws-lookalike",
        "iam:AttachRolePolicy,arn:aws:iam::111122223333:role/service-role/app",
        "iam:PutRolePolicy,arn:aws:iam::111122223333:role/ops",
        "kms:DeleteAlias,arn:aws:kms:ap-northeast-1:111122223333:alias/awsome",
        "iam:GetPolicy,arn:aws:iam::aws:policy/AdministratorAccess",
        "iam:DeleteServiceLinkedRole,arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"
    })
    void shouldStillAllowLookalikesOfReservedResources(String action, String resource) {
        assertEquals("allowed", decide(ALICE, action, resource, List.of(ALL), List.of(), null));
    }

    @Test
    void shouldNeedTheKeyPolicyInTheSameAccountWhereOtherResourcePoliciesNeedNoIdentityAllow() {
        String identity = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['kms:Decrypt','s3:GetObject'],"
                + "'Resource':'*'}]}";
        String keyPolicyForOthers = resourcePolicy("arn:aws:iam::111122223333:user/bob", "kms:Decrypt");
        assertEquals("implicitDeny", decide(ALICE, "kms:Decrypt", KEY, List.of(identity), List.of(), keyPolicyForOthers),
                "an identity allow alone does not open a KMS key");
        String delegating = resourcePolicy("arn:aws:iam::111122223333:root", "kms:*");
        assertEquals("allowed", decide(ALICE, "kms:Decrypt", KEY, List.of(identity), List.of(), delegating));
        assertEquals("implicitDeny", decide(ALICE, "kms:Decrypt", KEY, List.of(), List.of(), delegating),
                "a key policy naming the account needs the identity side too");
        assertEquals("allowed", decide(ALICE, "kms:Decrypt", KEY, List.of(), List.of(), resourcePolicy(ALICE,
                "kms:Decrypt")), "a key policy naming the caller grants on its own");
        // A bucket policy naming the caller suffices without any identity allow.
        assertEquals("allowed", decide(ALICE, "s3:GetObject", "arn:aws:s3:::reports/a.csv", List.of(), List.of(),
                resourcePolicy(ALICE, "s3:GetObject")));
    }

    @Test
    void shouldNeedTheTrustPolicyToAssumeARoleInTheSameAccount() {
        String identity = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}]}";
        String trustsBob = resourcePolicy("arn:aws:iam::111122223333:user/bob", "sts:AssumeRole");
        assertEquals("implicitDeny", decide(ALICE, "sts:AssumeRole", ROLE, List.of(identity), List.of(), trustsBob));
        assertEquals("allowed", decide(ALICE, "sts:AssumeRole", ROLE, List.of(identity), List.of(),
                resourcePolicy("arn:aws:iam::111122223333:root", "sts:AssumeRole")));
    }

    @Test
    void shouldNotLimitAResourcePolicyNamingTheCallersOwnArnByTheBoundaryButLimitOneNamingItsRole() {
        String boundary = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'ec2:*','Resource':'*'}]}";
        String bucket = "arn:aws:s3:::reports/a.csv";
        assertEquals("allowed", decide(ALICE, "s3:GetObject", bucket, List.of(), List.of(boundary),
                resourcePolicy(ALICE, "s3:GetObject")));
        assertEquals("allowed", decide(SESSION, "s3:GetObject", bucket, List.of(), List.of(boundary),
                resourcePolicy(SESSION, "s3:GetObject")));
        assertEquals("implicitDeny", decide(SESSION, "s3:GetObject", bucket, List.of(), List.of(boundary),
                resourcePolicy("arn:aws:iam::111122223333:role/app", "s3:GetObject")));
    }

    @Test
    void shouldJudgeAServicePrincipalByTheResourcePolicyAlone() {
        String trust = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'Service':"
                + "'lambda.amazonaws.com'},'Action':'sts:AssumeRole'}]}";
        assertEquals("allowed", decide("lambda.amazonaws.com", "sts:AssumeRole", ROLE, List.of(), List.of(), trust));
        assertEquals("implicitDeny", decide("ec2.amazonaws.com", "sts:AssumeRole", ROLE, List.of(ALL), List.of(), trust),
                "identity policies do not speak for a service");
        assertEquals("implicitDeny", decide("lambda.amazonaws.com", "s3:GetObject", "arn:aws:s3:::b/k", List.of(ALL),
                List.of(), null));
    }

    @Test
    void shouldAnswerWhetherAnyResourceIsAllowedWhenTheResourceIsAStar() {
        String scoped = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject',"
                + "'Resource':'arn:aws:s3:::reports/*'}]}";
        String denyOne = "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'s3:GetObject',"
                + "'Resource':'arn:aws:s3:::reports/secret/*'}]}";
        String denyAll = "{'Version':'2012-10-17','Statement':[{'Effect':'Deny','Action':'s3:GetObject','Resource':'*'}]}";
        String notAll = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:GetObject','NotResource':'*'}]}";
        assertEquals("allowed", decide(ALICE, "s3:GetObject", "*", List.of(scoped), List.of(), null));
        assertEquals("allowed", decide(ALICE, "s3:GetObject", "*", List.of(scoped, denyOne), List.of(), null));
        assertEquals("explicitDeny", decide(ALICE, "s3:GetObject", "*", List.of(scoped, denyAll), List.of(), null));
        assertEquals("implicitDeny", decide(ALICE, "s3:GetObject", "*", List.of(notAll), List.of(), null));
        assertEquals("implicitDeny", decide(ALICE, "s3:PutObject", "*", List.of(scoped), List.of(), null));
    }
}
