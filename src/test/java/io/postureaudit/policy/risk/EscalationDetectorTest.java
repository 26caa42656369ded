package io.postureaudit.policy.risk;

import static io.postureaudit.policy.TestPolicies.allow;
import static io.postureaudit.policy.TestPolicies.deny;
import static io.postureaudit.policy.TestPolicies.permissions;
import static io.postureaudit.policy.TestPolicies.statements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.catalog.ActionInfo;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.Evidence;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each escalation method: found when granted, not when scoped to an unrelated ARN, denied, or cut by a boundary. */
class EscalationDetectorTest {

    private static final String ACCOUNT = "111122223333";

    static Stream<EscalationMethod> methods() {
        return EscalationCatalog.methods().stream();
    }

    private static List<String> actions(EscalationMethod m) {
        return m.requirements().stream().map(EscalationMethod.Requirement::action).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void shouldFindMethodWhenEveryRequiredActionIsGranted(EscalationMethod method) {
        EffectivePermissions p = permissions(List.of(statements(allow(actions(method), "*"))), null);
        Optional<EscalationFinding> found = EscalationDetector.find(p, method, ACCOUNT);
        assertTrue(found.isPresent(), method.id());
        assertFalse(found.get().conditional());
        assertEquals(List.of(new Evidence("p0", "Statement[0]")), found.get().evidence());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void shouldNotFindMethodWhenGrantIsScopedToAnUnrelatedArn(EscalationMethod method) {
        EffectivePermissions p = permissions(List.of(statements(
                allow(actions(method), "arn:aws:s3:::unrelated-bucket/*"))), null);
        assertTrue(EscalationDetector.find(p, method, ACCOUNT).isEmpty(), method.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void shouldNotFindMethodWhenOneRequiredActionIsExplicitlyDenied(EscalationMethod method) {
        List<String> actions = actions(method);
        EffectivePermissions p = permissions(List.of(statements(allow(actions, "*"),
                deny(List.of(actions.get(actions.size() - 1)), "*"))), null);
        assertTrue(EscalationDetector.find(p, method, ACCOUNT).isEmpty(), method.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void shouldNotFindMethodWhenTheBoundaryAllowsOnlyUnrelatedActions(EscalationMethod method) {
        EffectivePermissions p = permissions(List.of(statements(allow(List.of("*"), "*"))),
                List.of(statements(allow(List.of("s3:GetObject", "cloudwatch:*"), "*"))));
        assertTrue(EscalationDetector.find(p, method, ACCOUNT).isEmpty(), method.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void shouldReportMethodAsConditionalWhenGrantCarriesACondition(EscalationMethod method) {
        EffectivePermissions p = permissions(List.of(statements("{'Effect':'Allow','Action':"
                + actions(method).stream().map(a -> "'" + a + "'").toList()
                + ",'Resource':'*','Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'}}}")), null);
        Optional<EscalationFinding> found = EscalationDetector.find(p, method, ACCOUNT);
        assertTrue(found.isPresent() && found.get().conditional(), method.id());
    }

    @Test
    void shouldNameOnlyCatalogueActionsWhenDescribingMethods() {
        ActionCatalog catalog = ActionCatalog.standard();
        Set<String> ids = new HashSet<>();
        for (EscalationMethod m : EscalationCatalog.methods()) {
            assertTrue(ids.add(m.id()), "duplicate method id " + m.id());
            for (EscalationMethod.Requirement r : m.requirements()) {
                Optional<ActionInfo> info = catalog.find(r.action());
                assertTrue(info.isPresent(), m.id() + ": expected " + r.action() + " in the catalogue, found none");
                assertEquals(info.get().resourceless(), "*".equals(r.target()),
                        m.id() + ": " + r.action() + " target must be * exactly when the action has no resource type");
            }
        }
        long rhino = EscalationCatalog.methods().stream().filter(m -> m.source().equals(EscalationCatalog.RHINO))
                .count();
        assertEquals(21, rhino, "the 21 methods of Rhino Security Labs' original research");
    }

    @Test
    void shouldNameOnlyCatalogueActionsInTheCategoryLists() {
        ActionCatalog catalog = ActionCatalog.standard();
        for (List<String> list : List.of(ActionLists.EXFILTRATION, ActionLists.CREDENTIALS, ActionLists.INFRASTRUCTURE,
                ActionLists.ALL_DATA)) {
            for (String action : list) {
                assertTrue(catalog.find(action).isPresent(), "expected " + action + " in the catalogue, found none");
            }
        }
    }

    @Test
    void shouldFindCreatePolicyVersionWhenScopedToAPolicyOfTheSameAccount() {
        EffectivePermissions p = permissions(List.of(statements(allow(List.of("iam:CreatePolicyVersion"),
                "arn:aws:iam::" + ACCOUNT + ":policy/team/*"))), null);
        assertTrue(EscalationDetector.detect(p, ACCOUNT).stream()
                .anyMatch(f -> f.method().id().equals("iam-create-policy-version")));
        assertTrue(EscalationDetector.detect(p, "999999999999").isEmpty(), "a policy in another account is unrelated");
    }

    @Test
    void shouldNotFindUserMethodsWhenTheGrantNamesOnlyRolesOrAnotherAccountsUsers() {
        // The account star of role/* ends its segment and may cross colons, but no user ARN holds ":role/".
        EffectivePermissions roles = permissions(List.of(statements(allow(List.of("iam:CreateAccessKey",
                "iam:CreateLoginProfile", "iam:AttachUserPolicy", "iam:PutUserPolicy"), "arn:aws:iam::*:role/*"),
                allow(List.of("iam:CreateAccessKey"), "arn:aws:iam::999999999999:user/*"))), null);
        assertEquals(List.of(), EscalationDetector.detect(roles, ACCOUNT));
        EffectivePermissions users = permissions(List.of(statements(allow(List.of("iam:CreateAccessKey"),
                "arn:aws:iam::*:user/*"))), null);
        assertTrue(EscalationDetector.detect(users, ACCOUNT).stream()
                .anyMatch(f -> f.method().id().equals("iam-create-access-key")));
    }
}
