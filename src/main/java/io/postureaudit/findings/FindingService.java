package io.postureaudit.findings;

import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.inventory.CanonicalJson;
import io.postureaudit.notify.OutboxMessage;
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
 * kept in the history, and each newly opened or reopened finding gets one outbox message in the same transaction.
 */
@ApplicationScoped
public class FindingService {

    public static final String SCAN_ACTOR = "scan";
    private final Clock clock;

    public FindingService(Clock clock) {
        this.clock = clock;
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
                announce(finding, "finding-opened", input, now);
                opened++;
                continue;
            }
            String severityBefore = finding.severity;
            refresh(finding, hit, input.scanId(), now);
            if (!severityBefore.equals(finding.severity)) {
                record(finding, finding.status, "regraded", SCAN_ACTOR, "severity " + severityBefore + " -> "
                        + finding.severity, input.scanId(), now);
            }
            if (Finding.RESOLVED.equals(finding.status)) {
                finding.status = Finding.OPEN;
                finding.resolvedAt = null;
                finding.reopenCount++;
                record(finding, Finding.RESOLVED, "reopened", SCAN_ACTOR, FindingTriage.NEW.equals(finding.triageState)
                        ? null : "triage state was " + finding.triageState, input.scanId(), now);
                announce(finding, "finding-reopened", input, now);
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

    private static void announce(Finding finding, String kind, ReconcileInput input, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("findingId", finding.id);
        payload.put("ruleId", finding.ruleId);
        payload.put("title", finding.title);
        payload.put("severity", finding.severity);
        payload.put("accountId", finding.accountId);
        payload.put("accountName", input.accountName());
        payload.put("sample", input.sample());
        payload.put("region", finding.region);
        payload.put("resourceArn", finding.resourceArn);
        payload.put("message", finding.message);
        payload.put("reopened", kind.equals("finding-reopened"));
        OutboxMessage.pending(kind, "alerts", finding.id, payload, now).persist();
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
        record(finding, Finding.SUPPRESSED, "unsuppressed", actor, null, null, clock.instant());
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
