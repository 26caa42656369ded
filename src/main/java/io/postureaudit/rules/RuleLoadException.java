package io.postureaudit.rules;

/** A rule file that cannot be used, with the file, line and reason a person needs to fix it. */
public class RuleLoadException extends RuntimeException {

    private final String source;
    private final int line;
    private final String reason;

    public RuleLoadException(String source, int line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
