package io.postureaudit.notify;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Block Kit for a channel's digest; lists are cut at {@link #LIST_LIMIT} lines with a link to the rest. */
public final class DigestMessages {

    static final int LIST_LIMIT = 15;
    private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

    private DigestMessages() {
    }

    public static SlackMessages.Rendered render(Digest d, String publicUrl, ZoneId zone) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        String day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone).format(d.at());
        String text = "Posture Audit digest " + day + ": " + d.opened().size() + " new, " + d.resolved().size()
                + " resolved, " + d.expiring().size() + " suppression(s) ending within 7 days";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section("*Daily digest · " + day + "* (" + zone + ")"));
        if (!d.counts().isEmpty()) {
            StringBuilder counts = new StringBuilder("*Open findings*\n");
            d.counts().forEach((account, bySeverity) -> counts.append("• ").append(SlackText.mrkdwn(account))
                    .append(": ").append(counts(bySeverity)).append('\n'));
            blocks.add(section(counts.toString().strip()));
        }
        list(blocks, "New", d.opened(), base, false);
        list(blocks, "Resolved", d.resolved(), base, false);
        list(blocks, "Suppressions ending within 7 days", d.expiring(), base, true);
        if (d.changes() > 0) {
            blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(d.changes()
                    + " other change(s) (suppressed, regraded, expired) are in each finding's history.").build()))
                    .build());
        }
        return new SlackMessages.Rendered(text, blocks);
    }

    private static String counts(Map<String, Integer> bySeverity) {
        return SEVERITIES.stream().filter(bySeverity::containsKey).map(s -> bySeverity.get(s) + " " + s)
                .collect(Collectors.joining(" · "));
    }

    private static void list(List<LayoutBlock> blocks, String title, List<Digest.Line> lines, String base,
            boolean withDate) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("*" + title + "* (" + lines.size() + ")\n");
        for (Digest.Line line : lines.subList(0, Math.min(LIST_LIMIT, lines.size()))) {
            String entry = "• " + line.severity().toUpperCase(Locale.ROOT) + " · " + SlackText.mrkdwn(line.account())
                    + " · <" + base + "/findings/" + line.findingId() + "|" + SlackText.trim(SlackText.mrkdwn(
                            line.text()).replace("|", "¦"), 150) + ">"
                    + (withDate ? " (ends " + line.when().toString().substring(0, 10) + ")" : "") + "\n";
            if (out.length() + entry.length() > AlertMessages.SECTION_LIMIT - 100) {
                break;
            }
            out.append(entry);
        }
        int shown = (int) out.chars().filter(c -> c == '•').count();
        if (shown < lines.size()) {
            out.append("… and ").append(lines.size() - shown).append(" more: <").append(base)
                    .append("/findings|all findings in the web view>");
        }
        blocks.add(section(out.toString().strip()));
    }

    private static SectionBlock section(String text) {
        return SectionBlock.builder().text(MarkdownTextObject.builder()
                .text(SlackText.trim(text, AlertMessages.SECTION_LIMIT)).build()).build();
    }
}
