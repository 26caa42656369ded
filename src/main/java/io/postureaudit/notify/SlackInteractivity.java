package io.postureaudit.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.findings.FindingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Acts on what people do in Slack, after the signature was checked: "Suppress N days" opens a modal asking for
 * the justification, its submission suppresses the finding with the Slack user recorded as the actor. Only
 * {@code posture.slack.admins} may act; anyone else is told so, privately.
 */
@ApplicationScoped
public class SlackInteractivity {

    public static final String CALLBACK = "suppress_finding";
    static final String BLOCK = "justification";
    static final String INPUT = "value";
    private static final Logger LOG = Logger.getLogger(SlackInteractivity.class);
    private final PostureConfig config;
    private final SlackSender slack;
    private final FindingService findings;
    private final ObjectMapper json;
    private final Clock clock;

    public SlackInteractivity(PostureConfig config, SlackSender slack, FindingService findings, ObjectMapper json,
            Clock clock) {
        this.config = config;
        this.slack = slack;
        this.findings = findings;
        this.json = json;
        this.clock = clock;
    }

    /** What to answer Slack: an empty 200, or a JSON body (modal validation errors). */
    public record Answer(Map<String, Object> body) {
        static final Answer EMPTY = new Answer(null);
    }

    /**
     * Handles one signed request body ({@code payload=<json>}, form-encoded).
     *
     * @throws NotifyInputException when the body holds no readable payload
     */
    public Answer handle(String formBody) {
        JsonNode payload = payload(formBody);
        String type = payload.path("type").asText();
        String user = payload.path("user").path("id").asText(null);
        return switch (type) {
            case "block_actions" -> action(payload, user);
            case "view_submission" -> submission(payload, user);
            default -> Answer.EMPTY;
        };
    }

    private Answer action(JsonNode payload, String user) {
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asText();
        if (!actionId.startsWith(AlertMessages.SUPPRESS_ACTION)) {
            return Answer.EMPTY; // "Open in web view" is a link; Slack tells us anyway.
        }
        String channel = payload.path("channel").path("id").asText(payload.path("container").path("channel_id")
                .asText(null));
        if (!admin(user)) {
            LOG.infof("Slack user %s may not suppress findings (not in posture.slack.admins)", user);
            if (channel != null && user != null) {
                slack.ephemeral(channel, user, "Only Posture Audit admins named in posture.slack.admins can "
                        + "suppress findings from Slack. Ask one of them, or use the web view.");
            }
            return Answer.EMPTY;
        }
        int days = days(actionId);
        long findingId = Long.parseLong(action.path("value").asText("0"));
        slack.openView(payload.path("trigger_id").asText(), modal(findingId, days, channel));
        return Answer.EMPTY;
    }

    private Answer submission(JsonNode payload, String user) {
        JsonNode view = payload.path("view");
        if (!CALLBACK.equals(view.path("callback_id").asText())) {
            return Answer.EMPTY;
        }
        if (!admin(user)) {
            return errors("Only Posture Audit admins named in posture.slack.admins can suppress findings.");
        }
        JsonNode meta;
        try {
            meta = json.readTree(view.path("private_metadata").asText("{}"));
        } catch (IOException e) {
            return errors("This form is damaged; press the Suppress button again.");
        }
        long findingId = meta.path("findingId").asLong();
        int days = meta.path("days").asInt();
        if (!AlertMessages.SUPPRESS_DAYS.contains(days)) {
            return errors("Expected a suppression of 7, 30 or 90 days, found " + days + ".");
        }
        String justification = view.path("state").path("values").path(BLOCK).path(INPUT).path("value").asText("");
        if (justification.isBlank()) {
            return errors("Say why this finding may be suppressed.");
        }
        String name = payload.path("user").path("username").asText(payload.path("user").path("name").asText(""));
        String actor = "slack:" + user + (name.isBlank() ? "" : " (" + name + ")");
        try {
            findings.suppress(findingId, justification, clock.instant().plus(Duration.ofDays(days)), actor);
        } catch (io.postureaudit.findings.FindingNotFoundException | io.postureaudit.findings.FindingStateException
                | IllegalArgumentException e) {
            return errors(e.getMessage());
        }
        return Answer.EMPTY;
    }

    private boolean admin(String user) {
        return user != null && config.slack().admins().orElse(List.of()).stream().map(String::strip)
                .anyMatch(user::equals);
    }

    private static int days(String actionId) {
        try {
            int days = Integer.parseInt(actionId.substring(AlertMessages.SUPPRESS_ACTION.length()));
            if (AlertMessages.SUPPRESS_DAYS.contains(days)) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NotifyInputException("action_id: expected suppress_7, suppress_30 or suppress_90, found '"
                + actionId + "'");
    }

    private View modal(long findingId, int days, String channel) {
        String meta = "{\"findingId\":" + findingId + ",\"days\":" + days
                + (channel == null ? "" : ",\"channel\":\"" + channel.replaceAll("[^A-Z0-9]", "") + "\"") + "}";
        return View.builder().type("modal").callbackId(CALLBACK).privateMetadata(meta)
                .title(ViewTitle.builder().type("plain_text").text("Suppress finding").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Suppress").build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .blocks(List.of(
                        SectionBlock.builder().text(MarkdownTextObject.builder().text("Suppress finding " + findingId
                                + " for " + days + " days. It reopens by itself when the time is up.").build())
                                .build(),
                        InputBlock.builder().blockId(BLOCK)
                                .label(PlainTextObject.builder().text("Justification").build())
                                .element(PlainTextInputElement.builder().actionId(INPUT).multiline(true)
                                        .maxLength(2000).build()).build()))
                .build();
    }

    private static Answer errors(String message) {
        return new Answer(Map.of("response_action", "errors", "errors", Map.of(BLOCK,
                message.length() > 150 ? message.substring(0, 149) + "…" : message)));
    }

    private JsonNode payload(String formBody) {
        Optional<String> raw = Optional.empty();
        for (String pair : formBody.split("&")) {
            if (pair.startsWith("payload=")) {
                raw = Optional.of(URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8));
            }
        }
        if (raw.isEmpty()) {
            throw new NotifyInputException("body: expected a form field 'payload' holding Slack's JSON, found none");
        }
        try {
            return json.readTree(raw.get());
        } catch (IOException e) {
            throw new NotifyInputException("payload: expected JSON, found text that does not parse at "
                    + e.getMessage().lines().findFirst().orElse("?"));
        }
    }
}
