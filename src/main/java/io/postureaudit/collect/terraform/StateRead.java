package io.postureaudit.collect.terraform;

import java.util.List;

/**
 * What one scan read of the configured Terraform states.
 *
 * @param configured whether any state location is configured (without one there is nothing to compare)
 * @param instances  the managed instances of every state that could be read
 * @param problems   one per location that could not be read or understood
 */
public record StateRead(boolean configured, List<StateInstance> instances, List<Problem> problems) {

    /** A location that could not be used, and why. */
    public record Problem(String location, String reason) {
    }

    public static StateRead none() {
        return new StateRead(false, List.of(), List.of());
    }

    /** Every configured state was read: absence from all of them means unmanaged. */
    public boolean complete() {
        return problems.isEmpty();
    }
}
