package io.postureaudit.findings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Triage: a person's state for a finding (new, under review, remediating, risk accepted, false positive) with a note
 * and an assignee. It lives on the finding, so it follows it across scans. Risk accepted (until an expiry) and false
 * positive suppress the finding with that reason; leaving them lifts the suppression. Every change is in the history.
 */
@ApplicationScoped
public class FindingTriage {

    public static final String NEW = "new";
    public static final String UNDER_REVIEW = "under-review";
    public static final String REMEDIATING = "remediating";
    public static final String RISK_ACCEPTED = "risk-accepted";
    public static final String FALSE_POSITIVE = "false-positive";
    public static final List<String> STATES = List.of(NEW, UNDER_REVIEW, REMEDIATING, RISK_ACCEPTED, FALSE_POSITIVE);
    private static final Set<String> SUPPRESSING = Set.of(RISK_ACCEPTED, FALSE_POSITIVE);

    /** What a person asks for: the new state, a note (required when it suppresses), an assignee, an expiry. */
    public record Change(String state, String note, String assignee, Instant expiresAt) {
    }

    private final Clock clock;
    private final FindingService lifecycle;

    public FindingTriage(Clock clock, FindingService lifecycle) {
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    /** Checks a state word from a filter or a form. */
    public static String state(String value, String where) {
        if (value == null || !STATES.contains(value)) {
            throw new FindingInputException(where + ": expected one of " + String.join(", ", STATES) + "; found '"
                    + value + "'");
        }
        return value;
    }

    @Transactional
    public void change(long id, Change change, String actor) {
        apply(id, change, actor);
    }

    /** The same change to many findings at once (from the list), all or nothing. */
    @Transactional
    public int change(List<Long> ids, Change change, String actor) {
        if (ids == null || ids.isEmpty()) {
            throw new FindingInputException("ids: expected at least one finding to triage, found none");
        }
        ids.stream().distinct().forEach(id -> apply(id, change, actor));
        return (int) ids.stream().distinct().count();
    }

    private void apply(long id, Change change, String actor) {
        String state = state(change.state(), "state");
        String note = change.note() == null || change.note().isBlank() ? null : change.note().strip();
        String assignee = change.assignee() == null || change.assignee().isBlank() ? null : change.assignee().strip();
        Instant now = clock.instant();
        if (SUPPRESSING.contains(state) && note == null) {
            throw new FindingInputException("note: expected the reason for " + state + ", found none");
        }
        if (RISK_ACCEPTED.equals(state) && change.expiresAt() == null) {
            throw new FindingInputException("expiresAt: expected when the risk acceptance ends (risk is accepted "
                    + "for a time, then looked at again), found none");
        }
        Finding finding = Finding.findById(id);
        if (finding == null) {
            throw new FindingNotFoundException(id);
        }
        String before = finding.triageState;
        finding.triageState = state;
        finding.triageNote = note;
        finding.triageAssignee = assignee;
        finding.triageUpdatedBy = actor;
        finding.triageUpdatedAt = now;
        FindingHistory entry = FindingHistory.of(finding, finding.status, "triaged", actor,
                note == null ? null : note, null, now);
        entry.fromTriage = before;
        entry.toTriage = state;
        entry.persist();
        if (SUPPRESSING.contains(state)) {
            lifecycle.suppress(id, (RISK_ACCEPTED.equals(state) ? "risk accepted: " : "false positive: ") + note,
                    change.expiresAt(), actor);
        } else if (SUPPRESSING.contains(before) && Finding.SUPPRESSED.equals(finding.status)) {
            lifecycle.unsuppress(id, actor);
        }
    }
}
