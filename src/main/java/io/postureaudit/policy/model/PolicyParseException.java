package io.postureaudit.policy.model;

/** A policy document that does not follow the IAM grammar; {@link #path()} names the bad element as a JSON path. */
public final class PolicyParseException extends IllegalArgumentException {

    private final String path;
    private final String expected;
    private final String found;

    public PolicyParseException(String path, String expected, String found) {
        super(path + ": expected " + expected + ", found " + found);
        this.path = path;
        this.expected = expected;
        this.found = found;
    }

    /** JSON path of the offending element, e.g. {@code $.Statement[1].Condition.StringEquals}. */
    public String path() {
        return path;
    }

    /** The same error for a document nested in a larger body, e.g. {@code identityPolicies[0]} + {@code .Statement}. */
    public PolicyParseException under(String prefix) {
        return new PolicyParseException(prefix + path.substring(1), expected, found);
    }
}
