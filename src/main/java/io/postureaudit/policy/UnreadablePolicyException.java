package io.postureaudit.policy;

import java.util.List;

/**
 * A question about a principal whose policies cannot all be read: any answer would be a guess (the unread document
 * may allow or deny exactly this), so there is none.
 */
public final class UnreadablePolicyException extends RuntimeException {

    private final List<String> errors;

    public UnreadablePolicyException(String principal, List<String> errors) {
        super("principal " + principal + " cannot be simulated: expected every policy of it to be readable, found "
                + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
