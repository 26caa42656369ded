package io.postureaudit.findings;

import java.time.Instant;
import java.util.Map;

/**
 * A finding as the API shows it (contract field names).
 *
 * @param heldBy the gap ({@code scanId, region, service, operation, error, resourceArn}) that kept the latest scan
 *               from judging it, so it stayed as it was; null when the latest scan judged it
 */
public record FindingView(long id, String ruleId, String title, String severity, String status, String accountId,
        String accountName, String region, String resourceType, String resourceArn, String message, Instant firstSeen,
        Instant lastSeen, Instant resolvedAt, int reopenCount, Suppression suppression, boolean sample, Triage triage,
        Map<String, Object> heldBy) {

    /** A person's triage of the finding (contract: state, note, assignee, updatedBy, updatedAt). */
    public record Triage(String state, String note, String assignee, String updatedBy, Instant updatedAt) {
    }

    /** Who suppressed it, why, and until when. */
    public record Suppression(String by, Instant at, String justification, Instant expiresAt) {
    }

    static FindingView of(Finding f, String accountName, boolean sample) {
        Suppression suppression = Finding.SUPPRESSED.equals(f.status)
                ? new Suppression(f.suppressedBy, f.suppressedAt, f.suppressReason, f.suppressExpiresAt) : null;
        return new FindingView(f.id, f.ruleId, f.title, f.severity, f.status, f.accountId, accountName, f.region,
                f.resourceType, f.resourceArn, f.message, f.firstSeen, f.lastSeen, f.resolvedAt, f.reopenCount,
                suppression, sample, new Triage(f.triageState, f.triageNote, f.triageAssignee, f.triageUpdatedBy,
                        f.triageUpdatedAt), f.heldBy);
    }
}
