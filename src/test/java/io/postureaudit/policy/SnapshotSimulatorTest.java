package io.postureaudit.policy;

import static io.postureaudit.policy.Inventory.ACCOUNT;
import static io.postureaudit.policy.Inventory.attached;
import static io.postureaudit.policy.Inventory.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.policy.eval.MatchedStatement;
import io.postureaudit.policy.eval.SimulationInput;
import io.postureaudit.policy.eval.SimulationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The short form of POST /api/simulate answers from a principal's stored policies and boundary. */
class SnapshotSimulatorTest {

    private static final String TRUST = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow',"
            + "'Principal':{'Service':'ec2.amazonaws.com'},'Action':'sts:AssumeRole'}]}";

    private static List<io.postureaudit.collect.CollectedResource> snapshot() {
        return new Inventory()
                .policy(ACCOUNT, "Deploy", false, document("{'Version':'2012-10-17','Statement':[{'Sid':'Cfn',"
                        + "'Effect':'Allow','Action':['cloudformation:*','iam:*'],'Resource':'*'}]}"))
                .policy(ACCOUNT, "NoIam", false, document("{'Version':'2012-10-17','Statement':[{'Sid':'Cfn',"
                        + "'Effect':'Allow','Action':'cloudformation:*','Resource':'*'}]}"))
                .role(ACCOUNT, "Deployer", document(TRUST), Map.of("attachedPolicies",
                        List.of(attached("arn:aws:iam::111122223333:policy/Deploy")), "permissionsBoundary",
                        Map.of("type", "Policy", "arn", "arn:aws:iam::111122223333:policy/NoIam")), Map.of())
                .resources();
    }

    private static SimulationInput ask(String principal, String action) {
        return new SimulationInput(principal, action, "*", null, Map.of(), null, null, null, null);
    }

    @Test
    void shouldUseTheStoredPoliciesAndBoundaryWhenTheRequestCarriesNone() {
        SimulationResult cfn = SnapshotSimulator.simulate(ask("arn:aws:sts::111122223333:assumed-role/Deployer/ci",
                "cloudformation:CreateStack"), snapshot()).orElseThrow();
        assertEquals("allowed", cfn.decision());
        assertTrue(cfn.matchedStatements().contains(new MatchedStatement("Deploy", "Cfn", "Allow")));
        SimulationResult iam = SnapshotSimulator.simulate(ask("arn:aws:iam::111122223333:role/Deployer",
                "iam:CreateUser"), snapshot()).orElseThrow();
        assertEquals("implicitDeny", iam.decision(), "the boundary leaves IAM out");
    }

    @Test
    void shouldAnswerNothingWhenThePrincipalIsNotInTheSnapshot() {
        assertTrue(SnapshotSimulator.simulate(ask("arn:aws:iam::111122223333:role/Ghost", "s3:GetObject"),
                snapshot()).isEmpty());
    }

    @Test
    void shouldAnswerWithAnErrorNotADecisionWhenAPolicyOfThePrincipalCannotBeRead() {
        List<io.postureaudit.collect.CollectedResource> snapshot = new Inventory().user(ACCOUNT, "murky",
                Map.of("inlinePolicies", List.of(Inventory.inline("odd", document("{'Version':'2012-10-17',"
                        + "'Statement':[{'Effect':'Allow','Action':'s3 GetObject','Resource':'*'}]}")))), Map.of())
                .resources();
        UnreadablePolicyException e = org.junit.jupiter.api.Assertions.assertThrows(UnreadablePolicyException.class,
                () -> SnapshotSimulator.simulate(ask("arn:aws:iam::111122223333:user/murky", "s3:GetObject"),
                        snapshot));
        assertTrue(e.getMessage().contains("inline:odd") && e.getMessage().contains("Action"), e.getMessage());
    }

    @Test
    void shouldStillAnswerWhenAWildcardServicePrefixIsUsed() {
        List<io.postureaudit.collect.CollectedResource> snapshot = new Inventory().user(ACCOUNT, "wild",
                Map.of("inlinePolicies", List.of(Inventory.inline("all", document("{'Version':'2012-10-17',"
                        + "'Statement':[{'Sid':'All','Effect':'Allow','Action':'*:*','Resource':'*'}]}")))), Map.of())
                .resources();
        assertEquals("allowed", SnapshotSimulator.simulate(ask("arn:aws:iam::111122223333:user/wild",
                "iam:CreateUser"), snapshot).orElseThrow().decision());
    }
}
