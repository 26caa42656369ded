package io.postureaudit.findings;

/**
 * What an alert explains beyond the finding itself, known when a rule hit it: why it matters, how to fix it,
 * the evidence (the resource configuration the rule judged, trimmed), and GuardDuty's own severity score.
 *
 * @param evidence           compact JSON of the judged configuration, at most {@link #EVIDENCE_LIMIT} characters
 * @param guardDutySeverity  GuardDuty's 0–8.9+ score for {@code guardduty.finding} resources, else null
 */
public record FindingDetails(String rationale, String remediationCli, String remediationTerraform,
        String remediationConsole, String evidence, Double guardDutySeverity) {

    /** Evidence is trimmed to this many characters before it is stored with the event. */
    public static final int EVIDENCE_LIMIT = 2000;

    public static final FindingDetails NONE = new FindingDetails(null, null, null, null, null, null);
}
