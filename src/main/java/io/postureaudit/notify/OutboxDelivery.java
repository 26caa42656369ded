package io.postureaudit.notify;

import io.postureaudit.config.PostureConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Delivers due outbox messages to their sink (Slack or PagerDuty). Messages are claimed with row locks that skip
 * what another replica holds; a failure backs off exponentially with jitter (or as long as Slack's
 * {@code Retry-After} says) and after {@code posture.slack.max-attempts} the message is a dead letter, visible
 * at {@code GET /api/outbox?status=failed} and retryable.
 */
@ApplicationScoped
public class OutboxDelivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);
    private static final int BATCH = 50;
    private final OutboxStore store;
    private final SlackDelivery slack;
    private final PagerDutySender pagerDuty;
    private final PostureConfig config;
    private final Clock clock;
    private final InFlight inFlight;

    public OutboxDelivery(OutboxStore store, SlackDelivery slack, PagerDutySender pagerDuty, PostureConfig config,
            Clock clock, InFlight inFlight) {
        this.inFlight = inFlight;
        this.store = store;
        this.slack = slack;
        this.pagerDuty = pagerDuty;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-delivery", every = "{posture.slack.delivery-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverPending();
    }

    /**
     * Delivers what is due now, until nothing is; returns how many this call delivered. The claim ({@code FOR UPDATE
     * SKIP LOCKED} plus a lease) gives each message to one caller, whether the callers are threads of this process
     * or other replicas; and a call returns only when nothing this process claimed is still on its way, so "the
     * sweep returned" means "what was due has been delivered or rescheduled".
     */
    public int deliverPending() {
        int delivered = 0;
        try {
            while (true) {
                OutboxStore.Claim claim = store.claim(BATCH);
                List<Long> batch = claim.ids();
                if (batch.isEmpty()) {
                    if (inFlight.awaitNone(store.lease())) {
                        continue; // another thread of ours was delivering: what it left may be due now
                    }
                    return delivered;
                }
                inFlight.begin(batch);
                try {
                    for (Long id : batch) {
                        try {
                            if (store.holds(id, claim.until()) && deliver(id)) {
                                delivered++;
                            }
                        } finally {
                            inFlight.end(id);
                        }
                    }
                } finally {
                    inFlight.endAll(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return delivered;
        }
    }

    private boolean deliver(long id) {
        OutboxMessage message = store.load(id);
        try {
            boolean done = OutboxMessage.PAGERDUTY.equals(message.sink) ? pagerDuty.deliver(message)
                    : slack.deliver(message);
            return done;
        } catch (DeliveryException e) {
            Instant retryAt = clock.instant().plus(e.retryAfter().orElseGet(() -> Backoff.delay(message.attempts + 1)));
            OutboxMessage after = store.failed(id, e.getMessage(), e.transientFailure(), e.maybeDelivered(), retryAt,
                    config.slack().maxAttempts());
            if (OutboxMessage.FAILED.equals(after.status)) {
                LOG.errorf("Outbox message %d is a dead letter after %d attempt(s): %s", id, after.attempts,
                        e.getMessage());
            } else {
                LOG.warnf("Outbox message %d not delivered (attempt %d), next try at %s: %s", id, after.attempts,
                        retryAt, e.getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.defer(id, Duration.ZERO, "delivery interrupted by shutdown");
            return false;
        }
    }

    /** A failed delivery, from any sink, with what the retry should know. */
    public static class DeliveryException extends RuntimeException {
        private final boolean transientFailure;
        private final transient Duration retryAfter;
        private final boolean maybeDelivered;

        public DeliveryException(String message, boolean transientFailure, Duration retryAfter,
                boolean maybeDelivered) {
            super(message);
            this.transientFailure = transientFailure;
            this.retryAfter = retryAfter;
            this.maybeDelivered = maybeDelivered;
        }

        public boolean transientFailure() {
            return transientFailure;
        }

        public java.util.Optional<Duration> retryAfter() {
            return java.util.Optional.ofNullable(retryAfter);
        }

        public boolean maybeDelivered() {
            return maybeDelivered;
        }
    }
}
