package io.postureaudit.notify;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/** Posts to Slack's Web API with the official SDK, at {@code posture.slack.api-url}. */
@ApplicationScoped
public class SlackSender {

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
        this.slack = Slack.getInstance(slackConfig);
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

    /**
     * Posts one message.
     *
     * @throws SlackDeliveryException with Slack's error code (never the token) when Slack refuses or is unreachable
     */
    public String post(String channel, SlackMessages.Rendered message) {
        try {
            ChatPostMessageResponse response = slack.methods(config.slack().token().orElseThrow())
                    .chatPostMessage(r -> r.channel(channel).text(message.text()).blocks(message.blocks())
                            .unfurlLinks(false).unfurlMedia(false));
            if (!response.isOk()) {
                throw new SlackDeliveryException("Slack refused chat.postMessage to " + channel + ": "
                        + response.getError(), "ratelimited".equals(response.getError()));
            }
            return response.getTs();
        } catch (SlackApiException e) {
            throw new SlackDeliveryException("Slack answered HTTP " + e.getResponse().code() + " to chat.postMessage: "
                    + (e.getError() == null ? "no error code" : e.getError().getError()), e.getResponse().code() == 429);
        } catch (IOException e) {
            throw new SlackDeliveryException("Slack could not be reached at " + config.slack().apiUrl() + ": "
                    + e.getMessage(), true);
        }
    }

    /**
     * Posts a message with a file through Slack's upload flow: {@code files.getUploadURLExternal}, the bytes to the
     * returned URL, then {@code files.completeUploadExternal} sharing it to the channel with the message
     * ({@code files.upload} is retired). The channel must be an id (C…): completing an upload takes no names.
     *
     * @return the uploaded file's id
     * @throws SlackDeliveryException naming the step when Slack refuses or is unreachable
     */
    public String upload(String channelId, String comment, OutboxAttachments.Attachment file) {
        String token = config.slack().token().orElseThrow();
        try {
            var url = slack.methods(token).filesGetUploadURLExternal(r -> r.filename(file.fileName())
                    .length(file.content().length));
            if (!url.isOk()) {
                throw new SlackDeliveryException("Slack refused files.getUploadURLExternal for " + file.fileName()
                        + ": " + url.getError(), "ratelimited".equals(url.getError()));
            }
            sendBytes(url.getUploadUrl(), file.content());
            var done = slack.methods(token).filesCompleteUploadExternal(r -> r.channelId(channelId)
                    .initialComment(comment).files(java.util.List.of(
                            com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails
                                    .builder().id(url.getFileId()).title(file.title()).build())));
            if (!done.isOk()) {
                throw new SlackDeliveryException("Slack refused files.completeUploadExternal to " + channelId + ": "
                        + done.getError(), "ratelimited".equals(done.getError())
                                || "internal_error".equals(done.getError()));
            }
            return url.getFileId();
        } catch (SlackApiException e) {
            throw new SlackDeliveryException("Slack answered HTTP " + e.getResponse().code() + " to a file upload: "
                    + (e.getError() == null ? "no error code" : e.getError().getError()), e.getResponse().code() == 429
                            || e.getResponse().code() >= 500);
        } catch (IOException e) {
            throw new SlackDeliveryException("Slack could not be reached for a file upload: " + e.getMessage(), true);
        }
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

    /** A failed delivery; {@code transientFailure} says whether trying again later may help. */
    public static class SlackDeliveryException extends RuntimeException {
        private final boolean transientFailure;

        public SlackDeliveryException(String message, boolean transientFailure) {
            super(message);
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }
}
