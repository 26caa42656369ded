package io.postureaudit.policy.eval;

import java.util.List;

/**
 * Every policy that applies to one request. An empty {@code boundaries} list means no permissions boundary;
 * {@code resourcePolicy} may be null; {@code serviceControlPolicies} holds one list per organisation level, root first.
 */
public record EvaluationInput(RequestContext request, List<NamedPolicy> identityPolicies, List<NamedPolicy> boundaries,
        NamedPolicy resourcePolicy, List<List<NamedPolicy>> serviceControlPolicies) {

    public EvaluationInput {
        identityPolicies = List.copyOf(identityPolicies);
        boundaries = List.copyOf(boundaries);
        serviceControlPolicies = serviceControlPolicies.stream().map(List::copyOf).toList();
    }
}
