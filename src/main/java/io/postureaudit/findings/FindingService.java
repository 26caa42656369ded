package io.postureaudit.findings;

import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.inventory.CanonicalJson;
import io.postureaudit.rules.RuleHit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finding lifecycle: open when a rule first hits, resolved when a complete scan no longer sees it, reopened
 * when it comes back, suppressed by a person with a justification until an optional expiry. Every change is
 * kept in the history, and every change publishes a typed {@link FindingEvent} in the same transaction (sinks
 * record it atomically with the change).
 */
@ApplicationScoped
public class FindingService {

    public static final String SCAN_ACTOR = "scan";
    private final Clock clock;
    private final FindingEvents events;

    public FindingService(Clock clock, FindingEvents events) {
        this.clock = clock;
        this.events = events;
    }

    /** Counts of what a reconcile changed. */
    public record Outcome(int opened, int reopened, int resolved, int stillOpen) {
    }

    public static String fingerprint(String ruleId, String accountId, String resourceArn) {
        return CanonicalJson.sha256(ruleId + "\n" + accountId + "\n" + resourceArn);
    }

    @Transactional
    public Outcome reconcile(ReconcileInput input) {
        Instant now = clock.instant();
        expireSuppressions(input.accountId(), now);
        Map<String, Finding> existing = new HashMap<>();
        Finding.<Finding>list("accountId", input.accountId()).forEach(f -> existing.put(f.fingerprint, f));
        Set<String> seen = new HashSet<>();
        int opened = 0;
        int reopened = 0;
        int stillOpen = 0;
        for (RuleHit hit : input.hits()) {
            String fingerprint = fingerprint(hit.rule().id(), input.accountId(), hit.resource().arn());
            if (!seen.add(fingerprint)) {
                continue;
            }
            Finding finding = existing.get(fingerprint);
            if (finding == null) {
                finding = create(hit, fingerprint, input.scanId(), now);
                record(finding, null, "opened", SCAN_ACTOR, null, input.scanId(), now);
                announceHit(finding, hit, false, input, now);
                opened++;
                continue;
            }
            String severityBefore = finding.severity;
            refresh(finding, hit, input.scanId(), now);
            if (!severityBefore.equals(finding.severity)) {
                record(finding, finding.status, "regraded", SCAN_ACTOR, "severity " + severityBefore + " -> "
                        + finding.severity, input.scanId(), now);
                if (!Finding.RESOLVED.equals(finding.status)) {
                    events.publish(new FindingEvent.Regraded(snapshot(finding, input), severityBefore,
                            finding.severity, SCAN_ACTOR, now));
                }
            }
            if (Finding.RESOLVED.equals(finding.status)) {
                finding.status = Finding.OPEN;
                finding.resolvedAt = null;
                finding.reopenCount++;
                record(finding, Finding.RESOLVED, "reopened", SCAN_ACTOR, FindingTriage.NEW.equals(finding.triageState)
                        ? null : "triage state was " + finding.triageState, input.scanId(), now);
                announceHit(finding, hit, true, input, now);
                reopened++;
            } else if (Finding.OPEN.equals(finding.status)) {
                stillOpen++;
            }
        }
        int resolved = 0;
        for (Finding finding : existing.values()) {
            if (Finding.RESOLVED.equals(finding.status) || seen.contains(finding.fingerprint)
                    || !input.evaluatedRules().contains(finding.ruleId)
                    || !input.attemptedScopes().contains(ReconcileInput.scope(finding.region,
                            ResourceTypes.service(finding.resourceType)))) {
                continue;
            }
            // Resolution needs evidence of absence: the rule ran, read all it reads, and did not fail.
            Gap holding = input.unknown().contains(finding.ruleId + "|" + finding.resourceArn)
                    ? new Gap(finding.accountId, finding.region, "rules", "evaluate " + finding.ruleId,
                            "the rule could not be evaluated", finding.resourceArn)
                    : GapHold.find(input.gaps(), input.reads().getOrDefault(finding.ruleId, List.of()),
                            finding.resourceType, finding.region, finding.resourceArn);
            if (holding != null) {
                finding.heldBy = GapHold.describe(holding, input.scanId());
            } else if (Finding.OPEN.equals(finding.status)) {
                finding.status = Finding.RESOLVED;
                finding.resolvedAt = now;
                finding.heldBy = null;
                record(finding, Finding.OPEN, "resolved", SCAN_ACTOR, "no longer seen by a complete scan",
                        input.scanId(), now);
                events.publish(new FindingEvent.Resolved(snapshot(finding, input), "no longer seen by a complete scan",
                        SCAN_ACTOR, now));
                resolved++;
            } else {
                finding.heldBy = null;
            }
        }
        return new Outcome(opened, reopened, resolved, stillOpen);
    }

    private static Finding create(RuleHit hit, String fingerprint, long scanId, Instant now) {
        Finding finding = new Finding();
        finding.fingerprint = fingerprint;
        finding.ruleId = hit.rule().id();
        finding.accountId = hit.resource().accountId();
        finding.region = hit.resource().region();
        finding.resourceType = hit.resource().type();
        finding.resourceArn = hit.resource().arn();
        finding.firstSeen = now;
        finding.status = Finding.OPEN;
        refresh(finding, hit, scanId, now);
        finding.persist();
        return finding;
    }

    private static void refresh(Finding finding, RuleHit hit, long scanId, Instant now) {
        finding.title = hit.rule().title();
        finding.severity = hit.rule().severity().id();
        finding.message = hit.message();
        finding.lastSeen = now;
        finding.lastScanId = scanId;
        finding.heldBy = null;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("resourceName", hit.resource().name());
        evidence.put("references", hit.rule().references());
        finding.evidence = evidence;
    }

    static void record(Finding finding, String from, String event, String actor, String reason, Long scanId,
            Instant now) {
        FindingHistory.of(finding, from, event, actor, reason, scanId, now).persist();
    }

    private FindingSnapshot snapshot(Finding finding, ReconcileInput input) {
        return events.snapshot(finding, input.accountName(), input.sample());
    }

    private void announceHit(Finding finding, RuleHit hit, boolean reopened, ReconcileInput input, Instant now) {
        FindingSnapshot snapshot = snapshot(finding, input);
        FindingDetails details = events.details(hit.rule(), hit.resource().data());
        if (snapshot.drift()) {
            events.publish(new FindingEvent.Drift(snapshot, details, events.privileged(finding), SCAN_ACTOR, now));
        } else if (reopened) {
            events.publish(new FindingEvent.Reopened(snapshot, details, SCAN_ACTOR, now));
        } else {
            events.publish(new FindingEvent.Opened(snapshot, details, SCAN_ACTOR, now));
        }
    }

    /**
     * Resolves the account's open findings of some rules because a person accepted what they report (a drift
     * baseline); the history names who and why.
     */
    @Transactional
    public int resolveAccepted(String accountId, Set<String> ruleIds, String actor, String reason) {
        Instant now = clock.instant();
        int resolved = 0;
        for (Finding finding : Finding.<Finding>list("accountId = ?1 and status = ?2", accountId, Finding.OPEN)) {
            if (ruleIds.contains(finding.ruleId)) {
                finding.status = Finding.RESOLVED;
                finding.resolvedAt = now;
                record(finding, Finding.OPEN, "resolved", actor, reason, null, now);
                resolved++;
            }
        }
        return resolved;
    }

    /** Suppressions past their expiry reopen; the next complete scan resolves them if the problem is gone. */
    @Transactional
    public int expireSuppressions(String accountId, Instant now) {
        List<Finding> expired = accountId == null
                ? Finding.list("status = ?1 and suppressExpiresAt <= ?2", Finding.SUPPRESSED, now)
                : Finding.list("status = ?1 and suppressExpiresAt <= ?2 and accountId = ?3", Finding.SUPPRESSED, now,
                        accountId);
        for (Finding finding : expired) {
            finding.status = Finding.OPEN;
            record(finding, Finding.SUPPRESSED, "expired", SCAN_ACTOR, "suppression expired at "
                    + finding.suppressExpiresAt, null, now);
            events.publish(new FindingEvent.Expired(events.snapshot(finding), finding.suppressExpiresAt, SCAN_ACTOR,
                    now));
            finding.suppressExpiresAt = null;
        }
        return expired.size();
    }

    /**
     * Suppresses a finding.
     *
     * @throws FindingInputException when the justification is blank or the expiry is not in the future
     */
    @Transactional
    public Finding suppress(long id, String justification, Instant expiresAt, String actor) {
        if (justification == null || justification.isBlank()) {
            throw new FindingInputException("justification: expected a non-empty reason for suppressing, found none");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new FindingInputException("expiresAt: expected a time after " + now + ", found " + expiresAt);
        }
        Finding finding = require(id);
        String from = finding.status;
        finding.status = Finding.SUPPRESSED;
        finding.suppressedBy = actor;
        finding.suppressedAt = now;
        finding.suppressReason = justification.strip();
        finding.suppressExpiresAt = expiresAt;
        record(finding, from, "suppressed", actor, finding.suppressReason, null, now);
        events.publish(new FindingEvent.Suppressed(events.snapshot(finding), finding.suppressReason, expiresAt, actor,
                now));
        return finding;
    }

    /**
     * Lifts a suppression: the finding is open again until a complete scan no longer sees it.
     *
     * @throws FindingStateException when the finding is not suppressed
     */
    @Transactional
    public Finding unsuppress(long id, String actor) {
        Finding finding = require(id);
        if (!Finding.SUPPRESSED.equals(finding.status)) {
            throw new FindingStateException("finding " + id + " is " + finding.status + ", expected suppressed");
        }
        finding.status = Finding.OPEN;
        finding.suppressExpiresAt = null;
        Instant now = clock.instant();
        record(finding, Finding.SUPPRESSED, "unsuppressed", actor, null, null, now);
        events.publish(new FindingEvent.Unsuppressed(events.snapshot(finding), actor, now));
        return finding;
    }

    private static Finding require(long id) {
        Finding finding = Finding.findById(id);
        if (finding == null) {
            throw new FindingNotFoundException(id);
        }
        return finding;
    }
}
