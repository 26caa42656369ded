package io.postureaudit.scan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The scan's own meters (names in docs/operations.md): account duration and outcome, scan outcome, and rule
 * evaluation time. Tags are low-cardinality: account ids are a handful to a few hundred, never resource ARNs.
 */
@ApplicationScoped
public class ScanMetrics {

    private final MeterRegistry registry;

    public ScanMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One account's collection and processing, by how it ended (succeeded, partial, failed). */
    public void accountScanned(String accountId, String status, Duration took) {
        Timer.builder("posture.scan.account.duration").description("Time to collect and store one account")
                .tag("account", accountId).tag("status", status).register(registry).record(took);
    }

    /** A finished scan, by status. */
    public void scanFinished(String status) {
        Counter.builder("posture.scans").description("Scans finished, by final status").tag("status", status)
                .register(registry).increment();
    }

    /** Account jobs run again: on another node after a node died, or after a database outage. */
    public void accountRetried(String reason) {
        Counter.builder("posture.scan.account.retries").description("Account jobs re-run, by reason")
                .tag("reason", reason).register(registry).increment();
    }

    public <T> T timeRules(String accountId, Supplier<T> evaluation) {
        return Timer.builder("posture.rules.evaluation.duration").description("Time to evaluate every rule over one account")
                .tag("account", accountId).register(registry).record(evaluation);
    }
}
