package io.postureaudit.policy;

/**
 * Tunables of the analysis; the lead maps them from {@code posture.analysis.*}.
 *
 * @param unusedDays days without use after which a service, principal, key or password counts as unused (90)
 */
public record AnalysisSettings(int unusedDays) {

    public static final AnalysisSettings DEFAULTS = new AnalysisSettings(90);

    public AnalysisSettings {
        if (unusedDays < 1) {
            throw new IllegalArgumentException("unusedDays: expected at least 1, found " + unusedDays);
        }
    }
}
