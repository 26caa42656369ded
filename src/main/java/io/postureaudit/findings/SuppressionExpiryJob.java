package io.postureaudit.findings;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Reopens findings whose suppression has expired between scans, so that an expiry is honoured within minutes and
 * not only at the next scan ({@code posture.findings.expiry-interval}, default 5m, {@code off} to disable).
 */
@ApplicationScoped
public class SuppressionExpiryJob {

    private static final Logger LOG = Logger.getLogger(SuppressionExpiryJob.class);
    private final FindingService findings;
    private final Clock clock;

    public SuppressionExpiryJob(FindingService findings, Clock clock) {
        this.findings = findings;
        this.clock = clock;
    }

    @Scheduled(identity = "suppression-expiry", every = "{posture.findings.expiry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        expire();
    }

    /** @return how many suppressions expired */
    public int expire() {
        int expired = findings.expireSuppressions(null, clock.instant());
        if (expired > 0) {
            LOG.infof("Reopened %d finding(s) whose suppression expired", expired);
        }
        return expired;
    }
}
