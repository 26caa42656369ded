package io.postureaudit.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.policy.model.PolicyParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS's evaluation logic for one request, driven through the contract's request and response records. */
class SimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/Deployer/s1";
    private static final String OUTSIDER = "arn:aws:iam::999988887777:user/eve";
    private static final String BUCKET_OBJECT = "arn:aws:s3:::reports/2026/q4.csv";

    private static JsonNode doc(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    private static String allow(String action, String resource) {
        return "{'Version':'2012-10-17','Statement':[{'Sid':'Grant','Effect':'Allow','Action':'" + action
                + "','Resource':'" + resource + "'}]}";
    }

    private static SimulationInput request(String principal, String action, String resource, String resourceAccount,
            Map<String, Object> context, List<String> identity, List<String> boundaries, String resourcePolicy,
            List<List<String>> scps) {
        return new SimulationInput(principal, action, resource, resourceAccount, context,
                identity == null ? null : identity.stream().map(SimulatorTest::doc).toList(),
                boundaries == null ? null : boundaries.stream().map(SimulatorTest::doc).toList(),
                resourcePolicy == null ? null : doc(resourcePolicy),
                scps == null ? null : scps.stream().map(l -> l.stream().map(SimulatorTest::doc).toList()).toList());
    }

    private static SimulationResult simulate(String principal, String action, String resource,
            List<String> identity) {
        return Simulator.simulate(request(principal, action, resource, null, Map.of(), identity, null, null, null));
    }

    @Test
    void shouldAllowWhenAnIdentityPolicyGrantsTheActionOnAMatchingArn() {
        SimulationResult r = simulate(ALICE, "S3:getobject", BUCKET_OBJECT, List.of(allow("s3:Get*",
                "arn:aws:s3:::reports/*")));
        assertEquals("allowed", r.decision());
        assertEquals(List.of(new MatchedStatement("identityPolicies[0]", "Grant", "Allow")), r.matchedStatements());
    }

    @Test
    void shouldDenyImplicitlyWhenNothingMatches() {
        SimulationResult r = simulate(ALICE, "s3:GetObject", "arn:aws:s3:::other/x", List.of(allow("s3:GetObject",
                "arn:aws:s3:::reports/*")));
        assertEquals("implicitDeny", r.decision());
        assertEquals(List.of(), r.matchedStatements());
    }

    @Test
    void shouldDenyExplicitlyWhenNotActionDenyCoversTheAction() {
        String denyAllButRead = "{'Version':'2012-10-17','Statement':[{'Sid':'ReadOnly','Effect':'Deny',"
                + "'NotAction':['s3:Get*','s3:List*'],'Resource':'*'}]}";
        SimulationResult put = simulate(ALICE, "s3:PutObject", BUCKET_OBJECT, List.of(allow("*", "*"), denyAllButRead));
        assertEquals("explicitDeny", put.decision());
        assertEquals(List.of(new MatchedStatement("identityPolicies[1]", "ReadOnly", "Deny")), put.matchedStatements());
        assertEquals("allowed", simulate(ALICE, "s3:GetObject", BUCKET_OBJECT,
                List.of(allow("*", "*"), denyAllButRead)).decision());
    }

    @Test
    void shouldHonourNotResourceWhenAllowingEverythingButOneBucket() {
        String policy = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'s3:*',"
                + "'NotResource':['arn:aws:s3:::secret','arn:aws:s3:::secret/*']}]}";
        assertEquals("allowed", simulate(ALICE, "s3:GetObject", BUCKET_OBJECT, List.of(policy)).decision());
        SimulationResult secret = simulate(ALICE, "s3:GetObject", "arn:aws:s3:::secret/k", List.of(policy));
        assertEquals("implicitDeny", secret.decision());
    }

    @Test
    void shouldSubstitutePolicyVariablesWhenTheResourceNamesTheCaller() {
        String home = allow("s3:*", "arn:aws:s3:::home/${aws:username}/*");
        assertEquals("allowed", simulate(ALICE, "s3:PutObject", "arn:aws:s3:::home/alice/notes", List.of(home))
                .decision());
        assertEquals("implicitDeny", simulate(ALICE, "s3:PutObject", "arn:aws:s3:::home/bob/notes", List.of(home))
                .decision());
        String old = home.replace("'Version':'2012-10-17',", "");
        assertEquals("implicitDeny", simulate(ALICE, "s3:PutObject", "arn:aws:s3:::home/alice/notes", List.of(old))
                .decision(), "variables are literal text under the 2008 grammar");
    }

    @Test
    void shouldUseGlobalConditionKeysWhenTheContextCarriesThem() {
        String mfa = "{'Version':'2012-10-17','Statement':[{'Sid':'NeedMfa','Effect':'Allow','Action':'ec2:*',"
                + "'Resource':'*','Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'},"
                + "'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}}]}";
        SimulationInput with = request(ALICE, "ec2:StopInstances", "*", null,
                Map.of("aws:MultiFactorAuthPresent", true, "aws:SourceIp", "203.0.113.9"), List.of(mfa), null, null,
                null);
        assertEquals("allowed", Simulator.simulate(with).decision());
        SimulationInput without = request(ALICE, "ec2:StopInstances", "*", null,
                Map.of("aws:SourceIp", "203.0.113.9"), List.of(mfa), null, null, null);
        assertEquals("implicitDeny", Simulator.simulate(without).decision());
    }

    @Test
    void shouldLimitIdentityGrantsWhenABoundaryDoesNotAllow() {
        SimulationInput r = request(ALICE, "iam:CreateUser", "arn:aws:iam::111122223333:user/bob", null, Map.of(),
                List.of(allow("*", "*")), List.of(allow("s3:*", "*")), null, null);
        assertEquals("implicitDeny", Simulator.simulate(r).decision());
        SimulationInput s3 = request(ALICE, "s3:GetObject", BUCKET_OBJECT, null, Map.of(), List.of(allow("*", "*")),
                List.of(allow("s3:*", "*")), null, null);
        SimulationResult ok = Simulator.simulate(s3);
        assertEquals("allowed", ok.decision());
        assertTrue(ok.matchedStatements().contains(new MatchedStatement("permissionBoundaries[0]", "Grant", "Allow")));
    }

    @Test
    void shouldRequireBothSidesWhenTheRequestCrossesAccounts() {
        String bucketPolicy = "{'Version':'2012-10-17','Statement':[{'Sid':'Partner','Effect':'Allow',"
                + "'Principal':{'AWS':'arn:aws:iam::999988887777:root'},'Action':'s3:GetObject',"
                + "'Resource':'arn:aws:s3:::reports/*'}]}";
        SimulationInput both = request(OUTSIDER, "s3:GetObject", BUCKET_OBJECT, "111122223333", Map.of(),
                List.of(allow("s3:GetObject", "*")), null, bucketPolicy, null);
        SimulationResult r = Simulator.simulate(both);
        assertEquals("allowed", r.decision());
        assertTrue(r.matchedStatements().contains(new MatchedStatement("resourcePolicy", "Partner", "Allow")));
        SimulationInput noIdentity = request(OUTSIDER, "s3:GetObject", BUCKET_OBJECT, "111122223333", Map.of(),
                List.of(), null, bucketPolicy, null);
        assertEquals("implicitDeny", Simulator.simulate(noIdentity).decision());
        SimulationInput noResourcePolicy = request(OUTSIDER, "s3:GetObject", BUCKET_OBJECT, "111122223333", Map.of(),
                List.of(allow("s3:GetObject", "*")), null, null, null);
        assertEquals("implicitDeny", Simulator.simulate(noResourcePolicy).decision());
    }

    @Test
    void shouldGrantThroughTheResourcePolicyAloneWhenItNamesASameAccountUser() {
        String keyPolicy = "{'Version':'2012-10-17','Statement':[{'Sid':'Alice','Effect':'Allow',"
                + "'Principal':{'AWS':'" + ALICE + "'},'Action':'kms:Decrypt','Resource':'*'}]}";
        String key = "arn:aws:kms:us-east-1:111122223333:key/1234";
        assertEquals("allowed", Simulator.simulate(request(ALICE, "kms:Decrypt", key, null, Map.of(), List.of(),
                List.of(allow("s3:*", "*")), keyPolicy, null)).decision(),
                "a boundary's implicit deny does not limit a resource policy naming the IAM user");
        String roleKeyPolicy = keyPolicy.replace(ALICE, "arn:aws:iam::111122223333:role/Deployer");
        assertEquals("allowed", Simulator.simulate(request(ROLE_SESSION, "kms:Decrypt", key, null, Map.of(),
                List.of(), null, roleKeyPolicy, null)).decision());
        assertEquals("implicitDeny", Simulator.simulate(request(ROLE_SESSION, "kms:Decrypt", key, null, Map.of(),
                List.of(), List.of(allow("s3:*", "*")), roleKeyPolicy, null)).decision(),
                "for a role named by its ARN the boundary still limits");
        String accountKeyPolicy = keyPolicy.replace(ALICE, "arn:aws:iam::111122223333:root");
        assertEquals("implicitDeny", Simulator.simulate(request(ALICE, "kms:Decrypt", key, null, Map.of(), List.of(),
                null, accountKeyPolicy, null)).decision(), "naming the account delegates to identity policies");
    }

    @Test
    void shouldDenyWhenAResourcePolicyDeniesTheCaller() {
        String bucketPolicy = "{'Version':'2012-10-17','Statement':[{'Sid':'NoEve','Effect':'Deny',"
                + "'Principal':'*','Action':'s3:*','Resource':'arn:aws:s3:::reports/*',"
                + "'Condition':{'StringNotEquals':{'aws:PrincipalAccount':'111122223333'}}}]}";
        SimulationResult r = Simulator.simulate(request(OUTSIDER, "s3:GetObject", BUCKET_OBJECT, "111122223333",
                Map.of(), List.of(allow("*", "*")), null, bucketPolicy, null));
        assertEquals("explicitDeny", r.decision());
        assertEquals(List.of(new MatchedStatement("resourcePolicy", "NoEve", "Deny")), r.matchedStatements());
    }

    @Test
    void shouldApplyEveryScpLevelWhenTheAccountIsInAnOrganisation() {
        String full = allow("*", "*");
        String denyLeave = "{'Version':'2012-10-17','Statement':[{'Sid':'NoLeave','Effect':'Deny',"
                + "'Action':'organizations:LeaveOrganization','Resource':'*'}]}";
        SimulationResult denied = Simulator.simulate(request(ALICE, "organizations:LeaveOrganization", "*", null,
                Map.of(), List.of(full), null, null, List.of(List.of(full, denyLeave), List.of(full))));
        assertEquals("explicitDeny", denied.decision());
        assertEquals(List.of(new MatchedStatement("serviceControlPolicies[0][1]", "NoLeave", "Deny")),
                denied.matchedStatements());
        SimulationResult ouWithoutAllow = Simulator.simulate(request(ALICE, "ec2:RunInstances", "*", null, Map.of(),
                List.of(full), null, null, List.of(List.of(full), List.of(allow("s3:*", "*")))));
        assertEquals("implicitDeny", ouWithoutAllow.decision(), "every level must allow");
        SimulationResult allowed = Simulator.simulate(request(ALICE, "s3:ListBucket", "arn:aws:s3:::reports", null,
                Map.of(), List.of(full), null, null, List.of(List.of(full), List.of(allow("s3:*", "*")))));
        assertEquals("allowed", allowed.decision());
    }

    @Test
    void shouldMatchResourceArnsWithWildcardsWhenPatternsSpanSegments() {
        String policy = allow("dynamodb:GetItem", "arn:aws:dynamodb:*:111122223333:table/orders*");
        assertEquals("allowed", simulate(ALICE, "dynamodb:GetItem",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/orders-2026", List.of(policy)).decision());
        assertEquals("implicitDeny", simulate(ALICE, "dynamodb:GetItem",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/customers", List.of(policy)).decision());
    }

    @Test
    void shouldNameTheRequestFieldWhenADocumentIsMalformed() {
        PolicyParseException e = assertThrows(PolicyParseException.class, () -> simulate(ALICE, "s3:GetObject", "*",
                List.of(allow("s3:*", "*"), "{'Statement':[{'Effect':'Maybe','Action':'s3:*'}]}")));
        assertEquals("identityPolicies[1].Statement[0].Effect", e.path());
    }

    @Test
    void shouldAcceptDocumentsAsStringsWhenTheyArriveUrlEncoded() throws Exception {
        JsonNode encoded = JSON.getNodeFactory().textNode(java.net.URLEncoder.encode(
                allow("s3:*", "*").replace('\'', '"'), java.nio.charset.StandardCharsets.UTF_8));
        SimulationInput r = new SimulationInput(ALICE, "s3:GetObject", BUCKET_OBJECT, null, null, List.of(encoded),
                null, null, null);
        assertEquals("allowed", Simulator.simulate(r).decision());
        String json = JSON.writeValueAsString(Simulator.simulate(r));
        assertEquals("{\"decision\":\"allowed\",\"matchedStatements\":[{\"policy\":\"identityPolicies[0]\","
                + "\"sid\":\"Grant\",\"effect\":\"Allow\"}]}", json);
    }

    @Test
    void shouldReadTheContractBodyWhenJacksonBindsTheRequest() throws Exception {
        String body = "{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\",\"resource\":\""
                + BUCKET_OBJECT + "\",\"resourceAccount\":\"111122223333\",\"context\":{\"aws:SourceIp\":"
                + "\"203.0.113.9\",\"aws:TagKeys\":[\"a\",\"b\"]},\"identityPolicies\":[" + allow("s3:*", "*")
                .replace('\'', '"') + "],\"permissionBoundaries\":[],\"resourcePolicy\":null,"
                + "\"serviceControlPolicies\":[[" + JSON.writeValueAsString(allow("*", "*").replace('\'', '"'))
                + "]]}";
        SimulationInput r = JSON.readValue(body, SimulationInput.class);
        assertEquals(List.of("a", "b"), r.context().get("aws:TagKeys"));
        assertEquals("allowed", Simulator.simulate(r).decision());
        SimulationInput shortForm = JSON.readValue("{\"principal\":\"" + ALICE + "\",\"action\":\"s3:GetObject\","
                + "\"resource\":\"*\",\"context\":{}}", SimulationInput.class);
        assertTrue(shortForm.usesSnapshot());
    }
}
