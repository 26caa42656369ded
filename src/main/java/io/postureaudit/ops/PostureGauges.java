package io.postureaudit.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Gauges of the stored state (names in docs/operations.md), refreshed by every replica on its own every
 * {@link #REFRESH} — a plain local timer, not a Quartz job, because each replica exports its own /q/metrics.
 * Scrapes read the last snapshot, so a scrape never waits for the database.
 */
@ApplicationScoped
public class PostureGauges {

    private static final Logger LOG = Logger.getLogger(PostureGauges.class);
    static final Duration REFRESH = Duration.ofSeconds(15);
    private final OperationsState state;
    private final Clock clock;
    private final MultiGauge resources;
    private final MultiGauge findings;
    private final MultiGauge lastComplete;
    private volatile OperationsState.Snapshot snapshot;
    private ScheduledExecutorService timer;

    public PostureGauges(OperationsState state, Clock clock, MeterRegistry registry) {
        this.state = state;
        this.clock = clock;
        resources = MultiGauge.builder("posture.resources").description("Resources in the inventory")
                .register(registry);
        findings = MultiGauge.builder("posture.findings").description("Findings by severity and status")
                .register(registry);
        lastComplete = MultiGauge.builder("posture.scan.last.complete.age").baseUnit("seconds")
                .description("Seconds since the account's last scan without a gap").register(registry);
        Gauge.builder("posture.outbox.pending", this, g -> g.snapshot == null ? 0 : g.snapshot.outboxPending())
                .description("Outbox messages waiting for delivery").register(registry);
        Gauge.builder("posture.outbox.oldest.pending.age", this, PostureGauges::oldestPendingSeconds)
                .baseUnit("seconds").description("Age of the oldest message waiting for delivery").register(registry);
        Gauge.builder("posture.outbox.dead.letters", this, g -> g.snapshot == null ? 0 : g.snapshot.deadLetters())
                .description("Outbox messages given up on (failed) until retried by an admin").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "posture-gauges");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.debugf("Gauges not refreshed: %s", e.getMessage());
        }
    }

    /** Reads the state now and updates every gauge. */
    public synchronized void refresh() {
        OperationsState.Snapshot next = state.read();
        snapshot = next;
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        next.resources().forEach(c -> rows.add(MultiGauge.Row.of(Tags.of("type", c.labels().get("type"), "account",
                c.labels().get("account")), c.value())));
        resources.register(rows, true);
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        next.findings().forEach(c -> counts.add(MultiGauge.Row.of(Tags.of("severity", c.labels().get("severity"),
                "status", c.labels().get("status"), "account", c.labels().get("account")), c.value())));
        findings.register(counts, true);
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        next.lastCompleteScan().forEach((account, at) -> ages.add(MultiGauge.Row.of(Tags.of("account", account), at,
                this::ageSeconds)));
        lastComplete.register(ages, true);
    }

    private double ageSeconds(Instant at) {
        return Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
    }

    private static double oldestPendingSeconds(PostureGauges gauges) {
        OperationsState.Snapshot s = gauges.snapshot;
        return s == null || s.oldestPending() == null ? 0 : gauges.ageSeconds(s.oldestPending());
    }
}
