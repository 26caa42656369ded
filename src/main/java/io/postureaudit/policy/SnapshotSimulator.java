package io.postureaudit.policy;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.iam.IamFields;
import io.postureaudit.policy.effective.PolicyResolver;
import io.postureaudit.policy.effective.PrincipalPolicies;
import io.postureaudit.policy.eval.SimulationInput;
import io.postureaudit.policy.eval.SimulationResult;
import io.postureaudit.policy.eval.Simulator;
import java.util.List;
import java.util.Optional;

/**
 * A simulation in its short form (no documents given): the principal's identity policies and boundary come from a snapshot.
 * Empty when the snapshot has no such principal; {@link UnreadablePolicyException} when one of its identity policies
 * or its boundary cannot be read (its trust policy plays no part in what it may do).
 */
public final class SnapshotSimulator {

    private SnapshotSimulator() {
    }

    public static Optional<SimulationResult> simulate(SimulationInput request, List<CollectedResource> snapshot) {
        if (!request.usesSnapshot()) {
            return Optional.of(Simulator.simulate(request));
        }
        PolicyResolver resolver = new PolicyResolver(snapshot);
        List<CollectedResource> candidates = snapshot.stream()
                .filter(r -> r.arn().equals(request.principal()) || sessionOf(request.principal(), r)).toList();
        for (PrincipalPolicies p : resolver.principals(candidates)) {
            List<String> unreadable = p.errors().stream()
                    .filter(e -> !e.startsWith(PolicyResolver.TRUST + ":")).toList();
            if (!unreadable.isEmpty()) {
                throw new UnreadablePolicyException(request.principal(), unreadable);
            }
            return Optional.of(Simulator.simulate(request, p.identity(), p.boundary() == null ? List.of()
                    : p.boundary()));
        }
        return Optional.empty();
    }

    // An assumed-role session ARN (arn:aws:sts::1:assumed-role/Name/session) stands for its role.
    private static boolean sessionOf(String principal, CollectedResource r) {
        if (!ResourceTypes.IAM_ROLE.equals(r.type()) || principal == null || !principal.contains(":assumed-role/")) {
            return false;
        }
        String[] parts = principal.split(":assumed-role/", 2);
        String role = parts[1].split("/", 2)[0];
        return role.equals(r.data().get(IamFields.ROLE_NAME)) && parts[0].endsWith(":" + r.accountId());
    }
}
