package io.postureaudit.drift;

import io.postureaudit.policy.catalog.Wildcards;
import io.postureaudit.policy.model.Effect;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PrincipalSpec;
import io.postureaudit.policy.model.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who a role's trust policy lets assume it: the principals of every Allow statement covering an
 * {@code sts:AssumeRole*} action, as written ({@code *} for anyone; a bare account id as its root ARN). A principal
 * trusted only under conditions is still trusted; what the conditions change shows in the risks.
 */
final class TrustPrincipals {

    private static final List<String> ASSUME = List.of("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity",
            "sts:AssumeRoleWithSAML");

    private TrustPrincipals() {
    }

    static Set<String> of(PolicyDocument trust, String accountId) {
        return named(trust, TrustPrincipals::assumes);
    }

    /** The principals of every Allow statement of a resource policy, whatever it allows them (same spelling). */
    static Set<String> named(PolicyDocument policy) {
        return named(policy, s -> true);
    }

    private static Set<String> named(PolicyDocument policy, java.util.function.Predicate<Statement> which) {
        Set<String> out = new TreeSet<>();
        if (policy == null) {
            return out;
        }
        for (Statement s : policy.statements()) {
            if (s.effect() != Effect.ALLOW || s.principal() == null || s.notPrincipal() || !which.test(s)) {
                continue;
            }
            PrincipalSpec p = s.principal();
            if (p.anyone()) {
                out.add("*");
            }
            for (String kind : PrincipalSpec.KINDS) {
                for (String value : p.values(kind)) {
                    out.add(kind.equals("AWS") && value.matches("\\d{12}") ? "arn:aws:iam::" + value + ":root" : value);
                }
            }
        }
        return out;
    }

    private static boolean assumes(Statement s) {
        for (String action : ASSUME) {
            boolean matched = s.actions().stream().anyMatch(a -> Wildcards.matches(a, action, true));
            if (matched != s.notAction()) {
                return true;
            }
        }
        return false;
    }
}
