package io.postureaudit.rules;

/** The operator's rule settings are wrong: the message names the key, what was expected and what came. */
public class RuleSettingsException extends IllegalArgumentException {

    public RuleSettingsException(String message) {
        super(message);
    }

    public RuleSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
