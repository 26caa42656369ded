package io.postureaudit.notify;

import io.postureaudit.config.PostureConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox's state changes, each in its own short transaction: claiming due messages with
 * {@code FOR UPDATE SKIP LOCKED} (so two replicas never take the same one), and recording each attempt's outcome.
 */
@ApplicationScoped
public class OutboxStore {

    private final Clock clock;
    /** How long a claimed message stays invisible to other workers while it is being delivered. */
    private final Duration lease;

    public OutboxStore(Clock clock, PostureConfig config) {
        this.clock = clock;
        this.lease = config.slack().claimLease();
    }

    /** How long a claim hides a message from every other worker ({@code posture.slack.claim-lease}). */
    public Duration lease() {
        return lease;
    }

    /** What one claim took: the message ids, oldest first, and when the claim lapses. */
    public record Claim(List<Long> ids, Instant until) {
    }

    /** Takes up to {@code limit} due messages, oldest first, hiding them from other workers for the lease. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Claim claim(int limit) {
        Instant now = clock.instant();
        // Kept to the database's precision, so that the worker can later recognise its own claim (see holds).
        Instant until = now.plus(lease).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<Number> ids = Panache.getEntityManager().createNativeQuery("select id from outbox_message "
                + "where status = 'pending' and next_attempt_at <= ?1 order by id limit ?2 for update skip locked")
                .setParameter(1, now).setParameter(2, limit).getResultList();
        if (ids.isEmpty()) {
            return new Claim(List.of(), until);
        }
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        Panache.getEntityManager().createNativeQuery("update outbox_message set next_attempt_at = ?1 where id in (?2)")
                .setParameter(1, until).setParameter(2, claimed).executeUpdate();
        return new Claim(claimed, until);
    }

    /**
     * Whether the message is still this worker's to deliver, renewing the lease if so. A batch delivered slower
     * than the lease (a channel held back by Slack's {@code Retry-After}) may have had a message claimed by
     * another worker meanwhile: that worker delivers it, this one leaves it.
     */
    @Transactional
    public boolean holds(long id, Instant claimedUntil) {
        Instant now = clock.instant();
        return Panache.getEntityManager().createNativeQuery("update outbox_message set next_attempt_at = ?1 "
                + "where id = ?2 and status = 'pending' and next_attempt_at = ?3")
                .setParameter(1, now.plus(lease).truncatedTo(java.time.temporal.ChronoUnit.MICROS))
                .setParameter(2, id).setParameter(3, claimedUntil).executeUpdate() == 1;
    }

    @Transactional
    public OutboxMessage load(long id) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.payload.size();
        Panache.getEntityManager().detach(message);
        return message;
    }

    /** The alert a reply belongs to: the alert message for the same finding and channel, if any. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<OutboxMessage> alertOf(long findingId, String channel) {
        List<Number> ids = Panache.getEntityManager().createNativeQuery(
                "select message_id from slack_alert where finding_id = ?1 and channel = ?2")
                .setParameter(1, findingId).setParameter(2, channel).getResultList();
        return ids.isEmpty() ? Optional.empty() : Optional.of(load(ids.get(0).longValue()));
    }

    /** Slack's id of a channel configured by name, learnt from an earlier post to it (needed for look-ups). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<String> channelId(String channel) {
        List<String> ids = Panache.getEntityManager().createNativeQuery("select remote_channel from outbox_message "
                + "where channel = ?1 and remote_channel is not null and sink = 'slack' limit 1")
                .setParameter(1, channel).getResultList();
        return ids.stream().findFirst();
    }

    /** Marks that the next request may reach the sink: from here on, a resend must look the key up first. */
    @Transactional
    public void sending(long id) {
        OutboxMessage.update("maybeSent = true where id = ?1", id);
    }

    /** A part of the delivery is done (a reply is posted, its alert not yet updated). */
    @Transactional
    public void posted(long id, String remoteChannel, String remoteRef) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.remoteChannel = remoteChannel;
        message.remoteRef = remoteRef;
    }

    @Transactional
    public void delivered(long id, String remoteChannel, String remoteRef) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.status = OutboxMessage.DELIVERED;
        message.deliveredAt = clock.instant();
        message.attempts++;
        message.lastError = null;
        message.maybeSent = false;
        if (remoteChannel != null) {
            message.remoteChannel = remoteChannel;
        }
        if (remoteRef != null) {
            message.remoteRef = remoteRef;
        }
    }

    /** Ends a message that cannot be delivered as configured (no token, no channel). */
    @Transactional
    public void close(long id, String status, String error) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.status = status;
        message.lastError = error;
        message.attempts++;
    }

    /** Puts a message back without counting an attempt (it waits for something else, e.g. its alert). */
    @Transactional
    public void defer(long id, Duration by, String why) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.nextAttemptAt = clock.instant().plus(by);
        message.lastError = why;
    }

    /**
     * Records a failed attempt: retried at {@code retryAt}, or a dead letter ({@code failed}) once attempts reach
     * {@code maxAttempts} (three for an error that will not go away by itself).
     */
    @Transactional
    public OutboxMessage failed(long id, String error, boolean transientFailure, boolean maybeDelivered,
            Instant retryAt, int maxAttempts) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.attempts++;
        message.lastError = error;
        message.maybeSent = maybeDelivered;
        if (!transientFailure && message.attempts >= Math.min(3, maxAttempts) || message.attempts >= maxAttempts) {
            message.status = OutboxMessage.FAILED;
        } else {
            message.nextAttemptAt = retryAt;
        }
        return message;
    }

    /** A dead letter (or disabled message) goes back to pending with a fresh count of attempts. */
    @Transactional
    public OutboxMessage retry(long id) {
        OutboxMessage message = OutboxMessage.findById(id);
        if (message == null) {
            throw new OutboxMessageNotFoundException(id);
        }
        if (!OutboxMessage.FAILED.equals(message.status) && !OutboxMessage.DISABLED.equals(message.status)) {
            throw new OutboxStateException("outbox message " + id + " is " + message.status
                    + "; expected failed or disabled to retry it");
        }
        message.status = OutboxMessage.PENDING;
        message.attempts = 0;
        message.nextAttemptAt = clock.instant();
        return message;
    }
}
