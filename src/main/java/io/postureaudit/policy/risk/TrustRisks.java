package io.postureaudit.policy.risk;

import io.postureaudit.policy.catalog.Wildcards;
import io.postureaudit.policy.effective.Evidence;
import io.postureaudit.policy.eval.Arns;
import io.postureaudit.policy.model.Condition;
import io.postureaudit.policy.model.Effect;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a role's trust policy: anyone may assume it (public), another account may assume it without ExternalId
 * or any other condition, or a web identity provider (GitHub Actions' OIDC and others) may without a {@code sub}
 * restriction, which lets every repository or workload of that provider in.
 */
public final class TrustRisks {

    private static final String TRUST_POLICY = "assumeRolePolicy";

    private TrustRisks() {
    }

    public static List<Risk> analyse(PolicyDocument trust, String roleAccount, Map<String, Object> facts) {
        List<Risk> risks = new ArrayList<>();
        Set<String> crossAccount = new TreeSet<>();
        boolean publicTrust = false;
        boolean crossAccountUnconditioned = false;
        List<String> openFederation = new ArrayList<>();
        if (trust != null) {
            for (Statement s : trust.statements()) {
                if (s.effect() != Effect.ALLOW || s.principal() == null || s.notPrincipal() || !assumes(s)) {
                    continue;
                }
                Evidence evidence = new Evidence(TRUST_POLICY, s.label());
                if (s.principal().isPublic()) {
                    publicTrust |= !s.conditional();
                    risks.add(new Risk(RiskCategory.PUBLIC_TRUST, s.conditional()
                            ? "Trust policy lets any AWS principal assume the role, limited only by conditions "
                                    + conditionKeys(s) + "."
                            : "Trust policy lets any AWS principal assume the role.", List.of(evidence)));
                    continue;
                }
                for (String value : s.principal().values("AWS")) {
                    String account = value.matches("\\d{12}") ? value : Arns.account(value);
                    if (account != null && !account.equals(roleAccount)) {
                        crossAccount.add(account);
                        if (!s.conditional()) {
                            crossAccountUnconditioned = true;
                            risks.add(new Risk(RiskCategory.CROSS_ACCOUNT_TRUST, "Trust policy lets " + value
                                    + " (account " + account + ") assume the role without ExternalId or any other "
                                    + "condition.", List.of(evidence)));
                        }
                    }
                }
                for (String provider : s.principal().values("Federated")) {
                    if (webIdentity(provider) && !restrictsSubject(s, provider)) {
                        openFederation.add(provider);
                        risks.add(new Risk(RiskCategory.PUBLIC_TRUST, "Trust policy lets web identities of " + provider
                                + " assume the role without restricting the subject (" + subjectKey(provider)
                                + "): any workload of that provider can.", List.of(evidence)));
                    }
                }
            }
        }
        facts.put("publicTrust", publicTrust || !openFederation.isEmpty());
        facts.put("crossAccountTrust", crossAccountUnconditioned);
        facts.put("crossAccountPrincipals", List.copyOf(crossAccount));
        facts.put("federatedWithoutSubject", openFederation);
        return risks;
    }

    private static boolean assumes(Statement s) {
        boolean any = false;
        for (String a : s.actions()) {
            if (Wildcards.matches(a, "sts:AssumeRole", true) || Wildcards.matches(a, "sts:AssumeRoleWithWebIdentity", true)
                    || Wildcards.matches(a, "sts:AssumeRoleWithSAML", true)) {
                any = true;
            }
        }
        return any != s.notAction();
    }

    private static boolean webIdentity(String provider) {
        return provider.contains(":oidc-provider/") || !provider.startsWith("arn:")
                && !provider.contains(":saml-provider/");
    }

    // GitHub, EKS and most OIDC providers identify the workload in "sub"; Cognito identity pools in "aud".
    static String subjectKey(String provider) {
        String host = provider.contains(":oidc-provider/")
                ? provider.substring(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length()) : provider;
        return host + (host.startsWith("cognito-identity.amazonaws.com") ? ":aud" : ":sub");
    }

    private static boolean restrictsSubject(Statement s, String provider) {
        String key = subjectKey(provider).toLowerCase(Locale.ROOT);
        for (Condition c : s.conditions()) {
            if (!c.key().toLowerCase(Locale.ROOT).equals(key) || c.operator().negated()
                    || c.set() == Condition.SetQualifier.FOR_ALL_VALUES || c.ifExists()) {
                continue;
            }
            // "repo:*" or "*" lets every repository in; a restriction must pin something beyond the prefix.
            boolean pinned = c.values().stream().noneMatch(v -> v.equals("*") || v.matches("[a-z]+:\\*"));
            if (pinned) {
                return true;
            }
        }
        return false;
    }

    private static List<String> conditionKeys(Statement s) {
        return s.conditions().stream().map(c -> c.operatorName() + " " + c.key()).toList();
    }
}
