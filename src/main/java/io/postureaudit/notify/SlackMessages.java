package io.postureaudit.notify;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders outbox payloads as Slack messages: a plain-text fallback and mrkdwn blocks, all AWS text escaped. */
public final class SlackMessages {

    private SlackMessages() {
    }

    /** A message ready to post. */
    public record Rendered(String text, List<LayoutBlock> blocks) {
    }

    public static Rendered finding(Map<String, Object> p) {
        String severity = String.valueOf(p.get("severity")).toUpperCase(Locale.ROOT);
        String verb = Boolean.TRUE.equals(p.get("reopened")) ? "Reopened" : "New";
        String account = SlackText.escape(p.get("accountName")) + " (" + SlackText.escape(p.get("accountId")) + ")";
        String label = Boolean.TRUE.equals(p.get("sample")) ? "[sample data] " : "";
        String text = label + verb + " " + severity + " finding in " + account + ": " + SlackText.escape(p.get("message"));
        String body = label + "*" + verb + " " + severity + "* · " + SlackText.escape(p.get("title")) + "\n"
                + SlackText.escape(p.get("message")) + "\n"
                + "Account " + account + " · region " + SlackText.code(p.get("region")) + " · rule `"
                + SlackText.code(p.get("ruleId")) + "`\n"
                + "Resource `" + SlackText.code(p.get("resourceArn")) + "`";
        LayoutBlock section = com.slack.api.model.block.SectionBlock.builder()
                .text(MarkdownTextObject.builder().text(body).build()).build();
        return new Rendered(text, List.of(section));
    }
}
