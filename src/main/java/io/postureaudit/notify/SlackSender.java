package io.postureaudit.notify;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.Message;
import com.slack.api.model.view.View;
import com.slack.api.util.http.SlackHttpClient;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to Slack's Web API with the official SDK, at {@code posture.slack.api-url}: posts (with a delivery key in
 * the message metadata), updates, looks a delivery key up, opens modals and sends ephemeral refusals.
 */
@ApplicationScoped
public class SlackSender {

    /** The metadata event type our messages carry; its payload holds the outbox delivery key. */
    public static final String METADATA_TYPE = "posture_audit_delivery";
    private final PostureConfig config;
    private final Slack slack;

    public SlackSender(PostureConfig config) {
        this.config = config;
        SlackConfig slackConfig = new SlackConfig();
        String url = config.slack().apiUrl();
        slackConfig.setMethodsEndpointUrlPrefix(url.endsWith("/") ? url : url + "/");
        slackConfig.setPrettyResponseLoggingEnabled(false);
        // The SDK's rate-limit statistics call auth.test behind our back; we keep our own back-off instead.
        slackConfig.getMethodsConfig().setStatsEnabled(false);
        // No silent re-sends: OkHttp would repeat a POST whose connection failed, possibly posting it twice; the
        // outbox decides about retries, after looking the delivery key up.
        okhttp3.OkHttpClient http = SlackHttpClient.buildOkHttpClient(slackConfig).newBuilder()
                .retryOnConnectionFailure(false).build();
        this.slack = Slack.getInstance(slackConfig, new SlackHttpClient(http));
    }

    public boolean enabled() {
        return config.slack().token().filter(t -> !t.isBlank()).isPresent();
    }

    /** Channel id or name for a purpose (alerts, digest, reports). */
    public Optional<String> channel(String key) {
        PostureConfig.Slack.Channels channels = config.slack().channels();
        return switch (key) {
            case "alerts" -> channels.alerts();
            case "digest" -> channels.digest().or(channels::alerts);
            case "reports" -> channels.reports().or(channels::alerts);
            default -> Optional.empty();
        };
    }

    /** Where a posted message landed: Slack's channel id and the message's ts. */
    public record Posted(String channelId, String ts) {
    }

    /** Posts without a delivery key (messages of other packages that keep their own idempotence). */
    public String post(String channel, SlackMessages.Rendered message) {
        return post(channel, message, null, null).ts();
    }

    /**
     * Posts one message, in a thread when {@code threadTs} is set, carrying {@code deliveryKey} in its metadata.
     *
     * @throws SlackDeliveryException with Slack's error code (never the token) when Slack refuses or is unreachable
     */
    public Posted post(String channel, SlackMessages.Rendered message, String threadTs, String deliveryKey) {
        ChatPostMessageResponse response = call("chat.postMessage", m -> m.chatPostMessage(r -> {
            r.channel(channel).text(message.text()).blocks(message.blocks()).unfurlLinks(false).unfurlMedia(false)
                    .threadTs(threadTs);
            if (deliveryKey != null) {
                r.metadata(Message.Metadata.builder().eventType(METADATA_TYPE)
                        .eventPayload(Map.of("delivery_key", deliveryKey)).build());
            }
            return r;
        }));
        return new Posted(response.getChannel(), response.getTs());
    }

    /** Replaces the text and blocks of a message this app posted. */
    public void update(String channelId, String ts, SlackMessages.Rendered message) {
        call("chat.update", m -> m.chatUpdate(r -> r.channel(channelId).ts(ts).text(message.text())
                .blocks(message.blocks())));
    }

    /**
     * The ts of a message carrying {@code deliveryKey}, posted after {@code oldest} (epoch seconds) in the channel,
     * or in the thread of {@code threadTs} when set; empty if Slack shows none.
     */
    public Optional<String> find(String channelId, String deliveryKey, long oldest, String threadTs) {
        List<Message> messages = threadTs == null
                ? call("conversations.history", m -> m.conversationsHistory(r -> r.channel(channelId)
                        .oldest(oldest + ".000000").includeAllMetadata(true).limit(200))).getMessages()
                : call("conversations.replies", m -> m.conversationsReplies(r -> r.channel(channelId).ts(threadTs)
                        .oldest(oldest + ".000000").includeAllMetadata(true).limit(200))).getMessages();
        if (messages == null) {
            return Optional.empty();
        }
        return messages.stream().filter(msg -> msg.getMetadata() != null
                && METADATA_TYPE.equals(msg.getMetadata().getEventType())
                && msg.getMetadata().getEventPayload() != null
                && deliveryKey.equals(msg.getMetadata().getEventPayload().get("delivery_key")))
                .map(Message::getTs).findFirst();
    }

    /** Opens a modal for the user who pressed a button ({@code triggerId} lives 3 seconds). */
    public void openView(String triggerId, View view) {
        call("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    /** A message only {@code user} sees in {@code channel}. */
    public void ephemeral(String channel, String user, String text) {
        call("chat.postEphemeral", m -> m.chatPostEphemeral(r -> r.channel(channel).user(user).text(text)));
    }

    /**
     * Starts Slack's upload flow for a file: {@code files.getUploadURLExternal}, then the bytes to the returned URL
     * ({@code files.upload} is retired). The file is not visible to anyone until {@link #completeUpload}; an upload
     * never completed is discarded by Slack.
     *
     * @return the file's id
     * @throws SlackDeliveryException naming the step when Slack refuses or is unreachable
     */
    public String startUpload(OutboxAttachments.Attachment file) {
        try {
            var url = slack.methods(token()).filesGetUploadURLExternal(r -> r.filename(file.fileName())
                    .length(file.content().length));
            if (!url.isOk()) {
                throw new SlackDeliveryException("Slack refused files.getUploadURLExternal for " + file.fileName()
                        + ": " + url.getError(), "ratelimited".equals(url.getError()));
            }
            sendBytes(url.getUploadUrl(), file.content());
            return url.getFileId();
        } catch (SlackApiException e) {
            throw uploadFailure(e);
        } catch (IOException e) {
            throw new SlackDeliveryException("Slack could not be reached for a file upload: " + e.getMessage(), true);
        }
    }

    /**
     * Ends the upload flow with {@code files.completeUploadExternal}: the file is shared to the channel with
     * {@code comment} as its message. The channel must be an id (C…): completing an upload takes no names.
     *
     * @throws SlackDeliveryException when Slack refuses or is unreachable (it may then have shared the file: look
     *                                it up with {@link #sharedIn} before starting again)
     */
    public void completeUpload(String channelId, String comment, String fileId, String title) {
        try {
            var done = slack.methods(token()).filesCompleteUploadExternal(r -> r.channelId(channelId)
                    .initialComment(comment).files(List.of(com.slack.api.methods.request.files
                            .FilesCompleteUploadExternalRequest.FileDetails.builder().id(fileId).title(title)
                            .build())));
            if (!done.isOk()) {
                throw new SlackDeliveryException("Slack refused files.completeUploadExternal to " + channelId + ": "
                        + done.getError(), "ratelimited".equals(done.getError())
                                || "internal_error".equals(done.getError()));
            }
        } catch (SlackApiException e) {
            throw uploadFailure(e);
        } catch (IOException e) {
            throw new SlackDeliveryException("Slack could not be reached to complete a file upload: "
                    + e.getMessage(), true, null, true);
        }
    }

    /**
     * Whether Slack shows the file shared to the channel ({@code files.info}: its {@code channels}/{@code groups}/
     * {@code ims} or {@code shares}); false for a file Slack no longer knows (an upload never completed).
     */
    public boolean sharedIn(String fileId, String channelId) {
        com.slack.api.methods.response.files.FilesInfoResponse info;
        try {
            info = slack.methods(token()).filesInfo(r -> r.file(fileId));
        } catch (SlackApiException e) {
            throw uploadFailure(e);
        } catch (IOException e) {
            throw new SlackDeliveryException("Slack could not be reached at " + config.slack().apiUrl()
                    + " for files.info: " + e.getMessage(), true);
        }
        if (!info.isOk()) {
            if ("file_not_found".equals(info.getError()) || "file_deleted".equals(info.getError())) {
                return false;
            }
            throw new SlackDeliveryException("Slack refused files.info for " + fileId + ": " + info.getError(),
                    "ratelimited".equals(info.getError()) || "internal_error".equals(info.getError()));
        }
        com.slack.api.model.File file = info.getFile();
        if (file == null) {
            return false;
        }
        if (contains(file.getChannels(), channelId) || contains(file.getGroups(), channelId)
                || contains(file.getIms(), channelId)) {
            return true;
        }
        com.slack.api.model.File.Shares shares = file.getShares();
        return shares != null && (shares.getPublicChannels() != null && shares.getPublicChannels()
                .containsKey(channelId) || shares.getPrivateChannels() != null && shares.getPrivateChannels()
                        .containsKey(channelId));
    }

    private static boolean contains(List<String> ids, String id) {
        return ids != null && ids.contains(id);
    }

    private String token() {
        return config.slack().token().orElseThrow();
    }

    private static SlackDeliveryException uploadFailure(SlackApiException e) {
        return new SlackDeliveryException("Slack answered HTTP " + e.getResponse().code() + " to a file upload: "
                + (e.getError() == null ? "no error code" : e.getError().getError()), e.getResponse().code() == 429
                        || e.getResponse().code() >= 500);
    }

    /** The upload URL takes the file's bytes as the body of a POST; it needs no token. */
    private static void sendBytes(String uploadUrl, byte[] content) throws IOException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10)).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(uploadUrl))
                .timeout(java.time.Duration.ofSeconds(60)).header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content)).build();
        try {
            java.net.http.HttpResponse<String> response = http.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SlackDeliveryException("Slack's upload URL answered HTTP " + response.statusCode()
                        + " to the file's bytes", response.statusCode() == 429 || response.statusCode() >= 500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading", e);
        }
    }

    private interface Call<R extends SlackApiTextResponse> {
        R on(MethodsClient methods) throws IOException, SlackApiException;
    }

    private <R extends SlackApiTextResponse> R call(String method, Call<R> call) {
        try {
            R response = call.on(slack.methods(config.slack().token().orElseThrow()));
            if (!response.isOk()) {
                throw new SlackDeliveryException("Slack refused " + method + ": " + response.getError(),
                        "ratelimited".equals(response.getError()) || "internal_error".equals(response.getError())
                                || "fatal_error".equals(response.getError()), null, false);
            }
            return response;
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            String retryAfter = e.getResponse().header("Retry-After");
            Duration wait = null;
            if (retryAfter != null) {
                try {
                    wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
                } catch (NumberFormatException ignored) {
                    wait = null;
                }
            }
            throw new SlackDeliveryException("Slack answered HTTP " + code + " to " + method + ": "
                    + (e.getError() == null || e.getError().getError() == null ? "no error code"
                            : e.getError().getError()), code == 429 || code >= 500, wait, false);
        } catch (IOException e) {
            // The request may have reached Slack (a read timeout, a connection dropped after sending).
            throw new SlackDeliveryException("Slack could not be reached at " + config.slack().apiUrl() + " for "
                    + method + ": " + e.getMessage(), true, null, true);
        }
    }

    /**
     * A failed call; {@code transientFailure} says whether trying again later may help, {@code retryAfter} what
     * Slack asked for on a 429, {@code maybeDelivered} that the outcome is unknown (look the key up first).
     */
    public static class SlackDeliveryException extends OutboxDelivery.DeliveryException {

        public SlackDeliveryException(String message, boolean transientFailure) {
            this(message, transientFailure, null, false);
        }

        public SlackDeliveryException(String message, boolean transientFailure, Duration retryAfter,
                boolean maybeDelivered) {
            super(message, transientFailure, retryAfter, maybeDelivered);
        }
    }
}
