package io.postureaudit.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.findings.FindingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers one Slack outbox message: an alert, a thread reply plus the update of its alert, a digest, or a
 * message of another package. Before re-sending a message whose earlier attempt may have reached Slack, it looks
 * the delivery key up in the channel (or thread), and a file upload its file id ({@code files.info}), so a crash
 * between posting and recording never posts twice.
 */
@ApplicationScoped
public class SlackDelivery {

    /** How far before a message's creation its lookup starts (clock skew between us and Slack). */
    private static final Duration LOOKUP_MARGIN = Duration.ofMinutes(5);
    private final SlackSender slack;
    private final OutboxStore store;
    private final PostureConfig config;
    private final ObjectMapper json;
    private final ChannelPacer pacer;

    private final jakarta.enterprise.inject.Instance<OutboxAttachments> attachments;
    private final InFlight inFlight;

    public SlackDelivery(SlackSender slack, OutboxStore store, PostureConfig config, ObjectMapper json,
            jakarta.enterprise.inject.Instance<OutboxAttachments> attachments, InFlight inFlight) {
        this.inFlight = inFlight;
        this.attachments = attachments;
        this.slack = slack;
        this.store = store;
        this.config = config;
        this.json = json;
        this.pacer = new ChannelPacer(config.slack().channelPace());
    }

    /** @return true when the message is now delivered */
    boolean deliver(OutboxMessage message) throws InterruptedException {
        if (!slack.enabled()) {
            store.close(message.id, OutboxMessage.DISABLED, "Slack delivery is off: posture.slack.token is not set");
            return false;
        }
        Optional<String> channel = message.channel != null ? Optional.of(message.channel)
                : slack.channel(message.channelKey);
        if (channel.isEmpty()) {
            store.close(message.id, OutboxMessage.FAILED, "no Slack channel configured: set posture.slack.channels."
                    + message.channelKey);
            return false;
        }
        return switch (message.kind) {
            case OutboxMessage.SLACK_ALERT -> alert(message, channel.get());
            case OutboxMessage.SLACK_REPLY -> reply(message, channel.get());
            case OutboxMessage.SLACK_DIGEST -> digest(message, channel.get());
            default -> plain(message, channel.get());
        };
    }

    private boolean alert(OutboxMessage message, String channel) throws InterruptedException {
        FindingEvent event = EventRecorder.read(json, message.payload);
        SlackSender.Posted posted = postOnce(message, channel, AlertMessages.alert(event, event.finding(),
                config.publicUrl()), null);
        store.delivered(message.id, posted.channelId(), posted.ts());
        return true;
    }

    private boolean reply(OutboxMessage message, String channel) throws InterruptedException {
        FindingEvent event = EventRecorder.read(json, message.payload);
        Optional<OutboxMessage> alert = store.alertOf(message.findingId, channel);
        if (alert.isPresent() && OutboxMessage.PENDING.equals(alert.get().status)
                && inFlight.awaitFinished(alert.get().id, store.lease())) {
            alert = store.alertOf(message.findingId, channel); // another thread of ours was posting it just now
        }
        if (alert.isPresent() && OutboxMessage.PENDING.equals(alert.get().status)) {
            store.defer(message.id, Duration.ofSeconds(5), "waiting for the alert (outbox message "
                    + alert.get().id + ") to be posted first");
            return false;
        }
        if (alert.isEmpty() || !OutboxMessage.DELIVERED.equals(alert.get().status)) {
            // The alert was never posted (dead letter): the change still gets told, on its own.
            SlackSender.Posted posted = postOnce(message, channel, AlertMessages.reply(event, config.publicUrl()),
                    null);
            store.delivered(message.id, posted.channelId(), posted.ts());
            return true;
        }
        OutboxMessage first = alert.get();
        String channelId = first.remoteChannel;
        if (message.remoteRef == null) {
            SlackSender.Posted posted = postOnce(message, channelId, AlertMessages.reply(event, config.publicUrl()),
                    first.remoteRef);
            store.posted(message.id, posted.channelId(), posted.ts());
        }
        FindingEvent alerted = EventRecorder.read(json, first.payload);
        pacer.acquire(channelId);
        try {
            slack.update(channelId, first.remoteRef, AlertMessages.alert(alerted, event.finding(),
                    config.publicUrl()));
        } catch (SlackSender.SlackDeliveryException e) {
            e.retryAfter().ifPresent(wait -> pacer.pause(channelId, wait));
            throw e;
        }
        store.delivered(message.id, null, null);
        return true;
    }

    private boolean digest(OutboxMessage message, String channel) throws InterruptedException {
        Digest digest = json.convertValue(message.payload, Digest.class);
        SlackMessages.Rendered rendered = DigestMessages.render(digest, config.publicUrl(),
                java.time.ZoneId.of(config.slack().zone()));
        SlackSender.Posted posted = postOnce(message, channel, rendered, null);
        store.delivered(message.id, posted.channelId(), posted.ts());
        return true;
    }

    /** Messages written by other packages: a legacy finding payload, or {@code text} (and optional blocks). */
    private boolean plain(OutboxMessage message, String channel) throws InterruptedException {
        var files = OutboxAttachments.forKind(attachments, message.kind);
        if (files.isPresent()) {
            // A message with a file (a report's PDF): the text goes with the upload, in one post.
            try {
                OutboxAttachments.Attachment file = files.get().attachment(message);
                String text = String.valueOf(message.payload.get("text"));
                if (message.remoteRef != null && slack.sharedIn(message.remoteRef, channel)) {
                    // An earlier attempt completed the upload but did not live (or hear back) to record it.
                    store.delivered(message.id, channel, message.remoteRef);
                    return true;
                }
                pacer.acquire(channel);
                store.sending(message.id);
                String fileId = slack.startUpload(file);
                // Kept before completing: from here on a retry asks Slack whether this file reached the channel.
                store.posted(message.id, channel, fileId);
                slack.completeUpload(channel, text, fileId, file.title());
                store.delivered(message.id, channel, fileId);
                return true;
            } catch (OutboxAttachments.MissingAttachmentException e) {
                store.close(message.id, OutboxMessage.FAILED, e.getMessage());
                return false;
            }
        }
        SlackMessages.Rendered rendered = SlackMessages.of(message.kind, message.payload);
        SlackSender.Posted posted = postOnce(message, channel, rendered, null);
        store.delivered(message.id, posted.channelId(), posted.ts());
        return true;
    }

    /**
     * Posts unless an earlier attempt already did: when the last outcome is unknown, the delivery key is looked
     * up first (in the thread for a reply).
     */
    private SlackSender.Posted postOnce(OutboxMessage message, String channel, SlackMessages.Rendered rendered,
            String threadTs) throws InterruptedException {
        String lookupChannel = message.remoteChannel != null ? message.remoteChannel
                : looksLikeId(channel) ? channel : store.channelId(channel).orElse(null);
        if (message.maybeSent && lookupChannel != null) {
            long oldest = message.createdAt.minus(LOOKUP_MARGIN).getEpochSecond();
            Optional<String> ts = slack.find(lookupChannel, message.deliveryKey, oldest, threadTs);
            if (ts.isPresent()) {
                return new SlackSender.Posted(lookupChannel, ts.get());
            }
        }
        pacer.acquire(channel);
        store.sending(message.id);
        try {
            return slack.post(channel, rendered, threadTs, message.deliveryKey);
        } catch (SlackSender.SlackDeliveryException e) {
            e.retryAfter().ifPresent(wait -> pacer.pause(channel, wait));
            throw e;
        }
    }

    /** Slack's history needs a channel id (C…, G…, D…); a name can only be posted to. */
    static boolean looksLikeId(String channel) {
        return channel != null && channel.matches("[CGD][A-Z0-9]{6,}");
    }

}
