package io.postureaudit.rules;

import java.util.List;
import java.util.Map;

/**
 * A rule as written in its {@code rule.yaml}: metadata, the CEL condition over one resource, and the message
 * template whose {@code {{ expression }}} parts are CEL too.
 *
 * @param reads the AWS calls ({@code service:Operation}) whose data the rule judges; a gap on one of them holds
 *              its findings. Empty means "every call of its resource's service".
 */
public record RuleDefinition(String id, String title, Severity severity, List<String> resourceTypes,
        String condition, String message, String rationale, Map<String, String> remediation,
        List<String> references, List<String> tags, String source, List<String> reads) {

    public RuleDefinition {
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    /** Without declared reads (every call of its service). */
    public RuleDefinition(String id, String title, Severity severity, List<String> resourceTypes, String condition,
            String message, String rationale, Map<String, String> remediation, List<String> references,
            List<String> tags, String source) {
        this(id, title, severity, resourceTypes, condition, message, rationale, remediation, references, tags, source,
                List.of());
    }

    /** The same rule graded differently, as an operator's override asks. */
    public RuleDefinition withSeverity(Severity other) {
        return other == severity ? this : new RuleDefinition(id, title, other, resourceTypes, condition, message,
                rationale, remediation, references, tags, source, reads);
    }

    /** Drift rules' ids start with this (CONTRACT); some judge a change, some a standing (Terraform). */
    public static final String DRIFT_PREFIX = "drift_";
    private static final java.util.regex.Pattern CHANGE_VARIABLE = java.util.regex.Pattern.compile(
            "(?<![\\w.])change\\b");

    /**
     * A rule whose condition reads the {@code change} variable judges one change between two scans, not a
     * resource as it stands: it runs over the scan's change records, and its findings never resolve by absence
     * (only by accepting a baseline, or suppression).
     */
    public boolean judgesChanges() {
        return CHANGE_VARIABLE.matcher(condition).find();
    }

    /** The service folder a rule lives in, from its first resource type. */
    public String service() {
        return resourceTypes.get(0).substring(0, resourceTypes.get(0).indexOf('.'));
    }
}
