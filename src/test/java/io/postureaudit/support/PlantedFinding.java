package io.postureaudit.support;

import io.postureaudit.findings.Finding;
import io.postureaudit.findings.FindingService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;

/**
 * An open finding written straight into the findings table, for tests about what is done with findings (pages,
 * triage, Slack actions) rather than how they are found. The account row must exist first.
 */
public final class PlantedFinding {

    private final String accountId;
    private final String resourceArn;
    private String ruleId = "iam_user_console_without_mfa";
    private String fingerprintRule;
    private String severity = "high";
    private String title = "Planted finding";
    private String message = "Planted for a test.";
    private Instant firstSeen = Instant.parse("2026-11-01T00:00:00Z");
    private long lastScanId;

    private PlantedFinding(String accountId, String resourceArn) {
        this.accountId = accountId;
        this.resourceArn = resourceArn;
    }

    /** A high finding of {@code iam_user_console_without_mfa} on an IAM role; change what the test cares about. */
    public static PlantedFinding on(String accountId, String resourceArn) {
        return new PlantedFinding(accountId, resourceArn);
    }

    public PlantedFinding rule(String id) {
        this.ruleId = id;
        return this;
    }

    /** Keys the fingerprint to another rule id than the one shown, so a test's finding never meets a real one. */
    public PlantedFinding fingerprintedAs(String rule) {
        this.fingerprintRule = rule;
        return this;
    }

    public PlantedFinding severity(String severity) {
        this.severity = severity;
        return this;
    }

    public PlantedFinding title(String title) {
        this.title = title;
        return this;
    }

    public PlantedFinding message(String message) {
        this.message = message;
        return this;
    }

    public PlantedFinding firstSeen(Instant at) {
        this.firstSeen = at;
        return this;
    }

    public PlantedFinding lastScan(long scanId) {
        this.lastScanId = scanId;
        return this;
    }

    /** Writes it in its own transaction; returns its id. */
    public long store() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Finding f = new Finding();
            f.fingerprint = FindingService.fingerprint(fingerprintRule != null ? fingerprintRule : ruleId, accountId,
                    resourceArn);
            f.ruleId = ruleId;
            f.title = title;
            f.severity = severity;
            f.status = Finding.OPEN;
            f.accountId = accountId;
            f.region = "global";
            f.resourceType = "iam.role";
            f.resourceArn = resourceArn;
            f.message = message;
            f.firstSeen = firstSeen;
            f.lastSeen = firstSeen;
            f.lastScanId = lastScanId;
            f.persist();
            return f.id;
        });
    }
}
