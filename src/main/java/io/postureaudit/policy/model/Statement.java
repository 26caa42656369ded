package io.postureaudit.policy.model;

import java.util.List;

/**
 * One statement. Exactly one of Action/NotAction is present ({@code notAction} tells which); {@code resources} is null
 * when neither Resource nor NotResource is given (trust policies); {@code principal} is null without Principal or
 * NotPrincipal.
 *
 * @param index position in the document's Statement list, used as evidence when there is no Sid
 */
public record Statement(String sid, int index, Effect effect, List<String> actions, boolean notAction,
        List<String> resources, boolean notResource, PrincipalSpec principal, boolean notPrincipal,
        List<Condition> conditions) {

    public Statement {
        actions = List.copyOf(actions);
        resources = resources == null ? null : List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** The Sid, or the statement's position when it has none, so evidence always names a statement. */
    public String label() {
        return sid != null && !sid.isEmpty() ? sid : "Statement[" + index + "]";
    }

    public boolean conditional() {
        return !conditions.isEmpty();
    }
}
