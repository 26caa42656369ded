package io.postureaudit.notify;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders outbox payloads written by other packages or by earlier versions (string-keyed, stored before typed
 * events existed) as Slack messages: a plain-text fallback and mrkdwn blocks, all AWS text escaped.
 */
public final class SlackMessages {

    private SlackMessages() {
    }

    /** A message ready to post. */
    public record Rendered(String text, List<LayoutBlock> blocks) {
    }

    /**
     * A stored message of another kind: the pre-event finding alerts ({@code finding-opened}, {@code
     * finding-reopened}), or any payload with a {@code text} (Slack mrkdwn written by our own code).
     *
     * @throws OutboxDelivery.DeliveryException (permanent) when the payload has neither shape
     */
    public static Rendered of(String kind, Map<String, Object> p) {
        if (kind.equals("finding-opened") || kind.equals("finding-reopened")) {
            return finding(p);
        }
        if (p.get("text") instanceof String text && !text.isBlank()) {
            return new Rendered(text, List.of(com.slack.api.model.block.SectionBlock.builder()
                    .text(MarkdownTextObject.builder().text(text).build()).build()));
        }
        throw new OutboxDelivery.DeliveryException("outbox message of kind '" + kind + "': expected a payload with "
                + "\"text\", found keys " + p.keySet(), false, null, false);
    }

    public static Rendered finding(Map<String, Object> p) {
        String severity = String.valueOf(p.get("severity")).toUpperCase(Locale.ROOT);
        String verb = Boolean.TRUE.equals(p.get("reopened")) ? "Reopened" : "New";
        String account = SlackText.escape(p.get("accountName")) + " (" + SlackText.escape(p.get("accountId")) + ")";
        String label = Boolean.TRUE.equals(p.get("sample")) ? "[sample data] " : "";
        String text = label + verb + " " + severity + " finding in " + account + ": " + SlackText.mrkdwn(p.get("message"));
        String body = label + "*" + verb + " " + severity + "* · " + SlackText.mrkdwn(p.get("title")) + "\n"
                + SlackText.mrkdwn(p.get("message")) + "\n"
                + "Account " + account + " · region " + SlackText.code(p.get("region")) + " · rule `"
                + SlackText.code(p.get("ruleId")) + "`\n"
                + "Resource `" + SlackText.code(p.get("resourceArn")) + "`";
        LayoutBlock section = com.slack.api.model.block.SectionBlock.builder()
                .text(MarkdownTextObject.builder().text(body).build()).build();
        return new Rendered(text, List.of(section));
    }
}
