package io.postureaudit.notify;

import io.postureaudit.config.PostureConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Delivers pending outbox messages to Slack. Failures back off exponentially up to
 * {@code posture.slack.max-attempts}; without a token, messages are marked {@code disabled} and stay recorded.
 */
@ApplicationScoped
public class OutboxDelivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class);
    private final SlackSender slack;
    private final PostureConfig config;
    private final Clock clock;

    private final jakarta.enterprise.inject.Instance<OutboxAttachments> attachments;

    public OutboxDelivery(SlackSender slack, PostureConfig config, Clock clock,
            jakarta.enterprise.inject.Instance<OutboxAttachments> attachments) {
        this.attachments = attachments;
        this.slack = slack;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-delivery", every = "{posture.slack.delivery-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverPending();
    }

    /** Delivers what is due now; returns how many were delivered. Safe to call from several threads. */
    public synchronized int deliverPending() {
        int delivered = 0;
        for (Long id : due()) {
            if (deliver(id)) {
                delivered++;
            }
        }
        return delivered;
    }

    @Transactional
    List<Long> due() {
        return OutboxMessage.<OutboxMessage>list("status = ?1 and nextAttemptAt <= ?2 order by id",
                OutboxMessage.PENDING, clock.instant()).stream().map(m -> m.id).toList();
    }

    private boolean deliver(long id) {
        OutboxMessage message = load(id);
        if (!slack.enabled()) {
            finish(id, OutboxMessage.DISABLED, "Slack delivery is off: posture.slack.token is not set", null);
            return false;
        }
        var channel = slack.channel(message.channelKey);
        if (channel.isEmpty()) {
            finish(id, OutboxMessage.FAILED, "no Slack channel configured: set posture.slack.channels."
                    + message.channelKey, null);
            return false;
        }
        try {
            var files = OutboxAttachments.forKind(attachments, message.kind);
            if (files.isPresent()) {
                // A message with a file (a report's PDF): the text goes with the upload, in one post.
                slack.upload(channel.get(), String.valueOf(message.payload.get("text")),
                        files.get().attachment(message));
                finish(id, OutboxMessage.DELIVERED, null, clock.instant());
                return true;
            }
            slack.post(channel.get(), render(message));
            finish(id, OutboxMessage.DELIVERED, null, clock.instant());
            return true;
        } catch (SlackSender.SlackDeliveryException e) {
            retryLater(id, e.getMessage(), e.transientFailure());
            LOG.warnf("Outbox message %d not delivered: %s", id, e.getMessage());
            return false;
        } catch (OutboxAttachments.MissingAttachmentException e) {
            finish(id, OutboxMessage.FAILED, e.getMessage(), null);
            return false;
        }
    }

    private static SlackMessages.Rendered render(OutboxMessage message) {
        Map<String, Object> payload = message.payload;
        return SlackMessages.finding(payload);
    }

    @Transactional
    OutboxMessage load(long id) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.payload.size();
        return message;
    }

    @Transactional
    void finish(long id, String status, String error, Instant deliveredAt) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.status = status;
        message.lastError = error;
        message.deliveredAt = deliveredAt;
        message.attempts++;
    }

    @Transactional
    void retryLater(long id, String error, boolean transientFailure) {
        OutboxMessage message = OutboxMessage.findById(id);
        message.attempts++;
        message.lastError = error;
        if (!transientFailure && message.attempts >= 3 || message.attempts >= config.slack().maxAttempts()) {
            message.status = OutboxMessage.FAILED;
        } else {
            long seconds = Math.min(3600, 30L << Math.min(10, message.attempts - 1));
            message.nextAttemptAt = clock.instant().plus(Duration.ofSeconds(seconds));
        }
    }
}
