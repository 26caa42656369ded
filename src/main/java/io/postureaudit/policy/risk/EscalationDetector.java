package io.postureaudit.policy.risk;

import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.Evidence;
import io.postureaudit.policy.effective.Grant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the escalation methods a principal can carry out: each required action must be granted on a resource the
 * method needs (so a grant scoped to an unrelated ARN does not count), after denies and the boundary.
 */
public final class EscalationDetector {

    private EscalationDetector() {
    }

    /** {@code account} fills {@code {account}} in targets; null (a lone policy) widens it to any account. */
    public static List<EscalationFinding> detect(EffectivePermissions permissions, String account) {
        List<EscalationFinding> out = new ArrayList<>();
        for (EscalationMethod method : EscalationCatalog.methods()) {
            find(permissions, method, account).ifPresent(out::add);
        }
        return out;
    }

    static Optional<EscalationFinding> find(EffectivePermissions permissions, EscalationMethod method, String account) {
        Set<Evidence> evidence = new LinkedHashSet<>();
        boolean conditional = false;
        for (EscalationMethod.Requirement req : method.requirements()) {
            String probe = req.target().replace("{account}", account == null ? "*" : account);
            Optional<Grant> grant = permissions.grant(req.action(), probe);
            if (grant.isEmpty()) {
                return Optional.empty();
            }
            conditional |= grant.get().conditional();
            evidence.addAll(grant.get().evidence());
        }
        return Optional.of(new EscalationFinding(method, conditional, new ArrayList<>(evidence)));
    }
}
