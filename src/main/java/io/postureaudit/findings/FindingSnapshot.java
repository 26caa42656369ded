package io.postureaudit.findings;

import java.util.Locale;

/**
 * A finding as it stood when an event about it was published: what sinks need to tell people, with the account's
 * label. Text fields hold AWS-originated strings as they came; sinks escape them for their medium.
 *
 * @param accountName  the environment label people know the account by ({@code prod}, {@code staging}, ...)
 * @param sample       the finding belongs to the bundled sample estate, not a real account
 */
public record FindingSnapshot(long id, String fingerprint, String ruleId, String title, String severity,
        String status, String accountId, String accountName, boolean sample, String region, String resourceType,
        String resourceArn, String message) {

    /** The AWS service of the finding's resource, e.g. {@code iam} for {@code iam.role}. */
    public String service() {
        int dot = resourceType.indexOf('.');
        return dot < 0 ? resourceType : resourceType.substring(0, dot);
    }

    /** True for findings raised by drift rules (ids {@code drift_…}). */
    public boolean drift() {
        return ruleId.toLowerCase(Locale.ROOT).startsWith("drift_");
    }

    /** The finding as it stands, labelled with its account name (the id when unnamed). */
    public static FindingSnapshot of(Finding f, String accountName, boolean sample) {
        return new FindingSnapshot(f.id, f.fingerprint, f.ruleId, f.title, f.severity, f.status, f.accountId,
                accountName == null ? f.accountId : accountName, sample, f.region, f.resourceType, f.resourceArn,
                f.message);
    }
}
