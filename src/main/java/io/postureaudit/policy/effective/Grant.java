package io.postureaudit.policy.effective;

import io.postureaudit.policy.catalog.ActionInfo;
import java.util.List;

/**
 * An action a principal may perform on some resource: {@code conditional} when every granting statement carries a
 * condition (or the boundary's does), {@code unconstrained} when the grant reaches every resource.
 */
public record Grant(ActionInfo action, boolean conditional, boolean unconstrained, List<Evidence> evidence) {

    public Grant {
        evidence = List.copyOf(evidence);
    }
}
