package io.postureaudit.policy.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request being evaluated: who, what, on which resource, and the condition keys AWS would put in the request
 * context. Keys are case-insensitive; the principal's own keys ({@code aws:PrincipalArn}, {@code aws:PrincipalAccount},
 * {@code aws:username}, {@code aws:PrincipalType}) and {@code aws:ResourceAccount} are derived unless given.
 */
public final class RequestContext {

    private final String principal;
    private final String action;
    private final String resource;
    private final String resourceAccount;
    private final Map<String, List<String>> keys = new HashMap<>();

    private RequestContext(String principal, String action, String resource, String resourceAccount) {
        this.principal = principal;
        this.action = action;
        this.resource = resource;
        this.resourceAccount = resourceAccount;
    }

    /**
     * Builds a context. {@code context} values may be a string, number, boolean or a collection of them.
     * {@code resourceAccount} defaults to the account field of the resource ARN.
     */
    public static RequestContext of(String principal, String action, String resource, String resourceAccount,
            Map<String, ?> context) {
        if (action == null || !action.contains(":")) {
            throw new SimulationInputException("action: expected service:Action, found " + action);
        }
        // AWS-owned resources ("aws" in arn:aws:iam::aws:policy/…) and account-less ARNs (S3) belong to no other
        // account: they are judged as same-account requests.
        String fromArn = Arns.account(resource);
        String account = resourceAccount != null && !resourceAccount.isBlank() ? resourceAccount
                : fromArn != null && fromArn.matches("\\d{12}") ? fromArn : null;
        RequestContext ctx = new RequestContext(principal, action, resource == null ? "*" : resource, account);
        if (principal != null) {
            PrincipalName name = PrincipalName.parse(principal);
            ctx.derive("aws:PrincipalArn", name.principalArn());
            ctx.derive("aws:PrincipalAccount", name.account());
            ctx.derive("aws:PrincipalType", name.principalType());
            if (name.userName() != null) {
                ctx.derive("aws:username", name.userName());
            }
        }
        if (account != null && !account.isEmpty()) {
            ctx.derive("aws:ResourceAccount", account);
        }
        if (context != null) {
            context.forEach((k, v) -> ctx.keys.put(k.toLowerCase(Locale.ROOT), values(k, v)));
        }
        return ctx;
    }

    private void derive(String key, String value) {
        if (value != null) {
            keys.put(key.toLowerCase(Locale.ROOT), List.of(value));
        }
    }

    private static List<String> values(String key, Object value) {
        if (value instanceof Collection<?> many) {
            List<String> out = new ArrayList<>(many.size());
            for (Object one : many) {
                out.add(scalar(key, one));
            }
            return List.copyOf(out);
        }
        return List.of(scalar(key, value));
    }

    private static String scalar(String key, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new SimulationInputException("context." + key + ": expected a string, number, boolean or a list of them, "
                + "found " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** The key's values, or null when the request carries no such key. */
    public List<String> values(String key) {
        return keys.get(key.toLowerCase(Locale.ROOT));
    }

    public String principal() {
        return principal;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    public String resourceAccount() {
        return resourceAccount;
    }
}
