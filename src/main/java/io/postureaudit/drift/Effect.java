package io.postureaudit.drift;

import java.util.List;

/**
 * What an IAM-bearing change meant for access, computed with the policy engine (not from the text): actions
 * newly allowed or no longer allowed (after wildcard and NotAction expansion; a whole service as {@code svc:*},
 * everything as {@code *}), principals newly able or no longer able to assume a role, risk categories and
 * privilege-escalation methods that appeared or went away, and the principals whose access moved. Empty when the
 * change had no effect on access (a cosmetic rewrite).
 */
public record Effect(List<String> granted, List<String> revoked, List<String> trustAdded, List<String> trustRemoved,
        List<String> risksAdded, List<String> risksRemoved, List<String> principals, List<String> escalationsAdded,
        List<String> escalationsRemoved) {

    public static final Effect NONE = new Effect(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of());

    public Effect {
        granted = List.copyOf(granted);
        revoked = List.copyOf(revoked);
        trustAdded = List.copyOf(trustAdded);
        trustRemoved = List.copyOf(trustRemoved);
        risksAdded = List.copyOf(risksAdded);
        risksRemoved = List.copyOf(risksRemoved);
        principals = List.copyOf(principals);
        escalationsAdded = escalationsAdded == null ? List.of() : List.copyOf(escalationsAdded);
        escalationsRemoved = escalationsRemoved == null ? List.of() : List.copyOf(escalationsRemoved);
    }

    /** True when nothing about access moved. */
    public boolean isEmpty() {
        return granted.isEmpty() && revoked.isEmpty() && trustAdded.isEmpty() && trustRemoved.isEmpty()
                && risksAdded.isEmpty() && risksRemoved.isEmpty() && escalationsAdded.isEmpty()
                && escalationsRemoved.isEmpty();
    }
}
