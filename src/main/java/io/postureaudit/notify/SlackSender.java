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
