package io.postureaudit.notify;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.postureaudit.findings.FindingDetails;
import io.postureaudit.findings.FindingEvent;
import io.postureaudit.findings.FindingSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Block Kit for a finding's alert (what, where, why, evidence, remediation, actions, link) and for the replies
 * in its thread. AWS text is escaped; each part is cut to Slack's limits with a link to the full finding, so a
 * long policy never makes a delivery fail.
 */
public final class AlertMessages {

    /** Slack's limit for a section's text. */
    static final int SECTION_LIMIT = 3000;
    /** Slack's limit for one field of a section. */
    static final int FIELD_LIMIT = 2000;
    /** The top-level {@code text} (notification and fallback); Slack truncates beyond 40,000, we stay far below. */
    static final int TEXT_LIMIT = 3000;
    static final int EVIDENCE_SHOWN = 1200;
    /** Suppression lengths offered as buttons. */
    public static final List<Integer> SUPPRESS_DAYS = List.of(7, 30, 90);
    public static final String SUPPRESS_ACTION = "suppress_";
    public static final String OPEN_ACTION = "open_web";
    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    private AlertMessages() {
    }

    /** The link to a finding in the web view. */
    public static String link(String publicUrl, long findingId) {
        return (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + "/findings/"
                + findingId;
    }

    /**
     * The alert, showing the finding's {@code current} state (the alerting event's snapshot when first posted, a
     * later one for {@code chat.update}).
     */
    public static SlackMessages.Rendered alert(FindingEvent first, FindingSnapshot current, String publicUrl) {
        FindingSnapshot f = first.finding();
        FindingDetails d = details(first);
        String url = link(publicUrl, f.id());
        String more = "… <" + url + "|full finding in the web view>";
        String severity = current.severity().toUpperCase(Locale.ROOT);
        String verb = first instanceof FindingEvent.Drift ? "Drift" : first instanceof FindingEvent.Reopened
                ? "Reopened" : "New";
        String label = f.sample() ? "[sample data] " : "";
        String account = SlackText.mrkdwn(f.accountName()) + " (" + SlackText.escape(f.accountId()) + ")";
        String text = SlackText.trim(label + verb + " " + severity + " finding in " + account + ": "
                + SlackText.mrkdwn(f.message()), TEXT_LIMIT);

        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(label + "*" + verb + " " + severity + " · " + SlackText.mrkdwn(f.title()) + "*\n"
                + SlackText.mrkdwn(f.message()), more));
        List<TextObject> fields = List.of(
                field("*Account*\n" + account),
                field("*Region*\n`" + SlackText.code(f.region()) + "`"),
                field("*Resource*\n`" + SlackText.code(f.resourceArn()) + "`"),
                field("*Rule*\n`" + SlackText.code(f.ruleId()) + "`"),
                field("*Status*\n" + status(current)));
        blocks.add(SectionBlock.builder().fields(fields).build());
        if (d.rationale() != null && !d.rationale().isBlank()) {
            blocks.add(section("*Why it matters*\n" + SlackText.mrkdwn(d.rationale()), more));
        }
        if (d.evidence() != null && !d.evidence().isBlank()) {
            String evidence = SlackText.trim(SlackText.block(d.evidence()), EVIDENCE_SHOWN);
            String cut = evidence.endsWith("…") ? "\n<" + url + "|Full evidence in the web view>" : "";
            blocks.add(section("*Evidence*\n```" + evidence + "```" + cut, more));
        }
        StringBuilder fix = new StringBuilder();
        if (d.remediationCli() != null) {
            fix.append("CLI:\n```").append(SlackText.block(d.remediationCli())).append("```\n");
        }
        if (d.remediationTerraform() != null) {
            fix.append("Terraform:\n```").append(SlackText.block(d.remediationTerraform())).append("```\n");
        }
        if (fix.isEmpty() && d.remediationConsole() != null) {
            fix.append(SlackText.mrkdwn(d.remediationConsole()));
        }
        if (!fix.isEmpty()) {
            blocks.add(section("*Remediation*\n" + fix.toString().strip(), more));
        }
        blocks.add(ActionsBlock.builder().blockId("finding_" + f.id()).elements(actions(current, url)).build());
        blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text("Finding " + f.id()
                + " · <" + url + "|web view> · fingerprint `" + f.fingerprint().substring(0, 12) + "`").build()))
                .build());
        return new SlackMessages.Rendered(text, blocks);
    }

    /** A thread reply telling one later state change. */
    public static SlackMessages.Rendered reply(FindingEvent event, String publicUrl) {
        FindingSnapshot f = event.finding();
        String actor = SlackText.mrkdwn(event.actor());
        String line = switch (event.type()) {
            case "resolved" -> "Resolved: " + SlackText.mrkdwn(((FindingEvent.Resolved) event).reason()) + ".";
            case "reopened" -> "Reopened " + f.severity().toUpperCase(Locale.ROOT) + ": seen again by a scan.";
            case "drift" -> "Drift again: " + SlackText.mrkdwn(f.message());
            case "suppressed" -> suppressed((FindingEvent.Suppressed) event);
            case "unsuppressed" -> "Suppression lifted by " + actor + "; the finding is open again.";
            case "expired" -> "Suppression expired; the finding is open again.";
            case "regraded" -> {
                FindingEvent.Regraded r = (FindingEvent.Regraded) event;
                yield "Severity changed " + r.fromSeverity() + " → " + r.toSeverity() + " (" + actor + ").";
            }
            default -> "Now " + f.status() + ".";
        };
        String body = SlackText.trim(line, SECTION_LIMIT - 200) + "\n<" + link(publicUrl, f.id()) + "|Finding "
                + f.id() + " in the web view>";
        return new SlackMessages.Rendered(SlackText.trim(line, TEXT_LIMIT), List.of(SectionBlock.builder()
                .text(MarkdownTextObject.builder().text(body).build()).build()));
    }

    private static String suppressed(FindingEvent.Suppressed s) {
        String until = s.expiresAt() == null ? "with no end date"
                : "until " + MINUTE.format(s.expiresAt()) + " UTC (" + Math.round(Duration.between(s.at(),
                        s.expiresAt()).toSeconds() / 86400.0) + " days)";
        return "Suppressed by " + SlackText.mrkdwn(s.actor()) + " " + until + ": " + SlackText.mrkdwn(s.justification());
    }

    private static String status(FindingSnapshot current) {
        return switch (current.status()) {
            case "resolved" -> ":white_check_mark: resolved";
            case "suppressed" -> ":zzz: suppressed";
            default -> ":red_circle: open";
        };
    }

    private static List<BlockElement> actions(FindingSnapshot current, String url) {
        List<BlockElement> out = new ArrayList<>();
        if ("open".equals(current.status())) {
            for (int days : SUPPRESS_DAYS) {
                out.add(ButtonElement.builder().actionId(SUPPRESS_ACTION + days).value(String.valueOf(current.id()))
                        .text(PlainTextObject.builder().text("Suppress " + days + " days").build()).build());
            }
        }
        out.add(ButtonElement.builder().actionId(OPEN_ACTION).url(url)
                .text(PlainTextObject.builder().text("Open in web view").build()).build());
        return out;
    }

    private static FindingDetails details(FindingEvent event) {
        FindingDetails d = event instanceof FindingEvent.Opened o ? o.details()
                : event instanceof FindingEvent.Reopened r ? r.details()
                : event instanceof FindingEvent.Drift x ? x.details() : null;
        return d == null ? FindingDetails.NONE : d;
    }

    private static SectionBlock section(String text, String more) {
        String shown = text.length() <= SECTION_LIMIT ? text
                : SlackText.trim(text, SECTION_LIMIT - more.length()).replaceAll("…$", "") + more;
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(shown).build()).build();
    }

    private static TextObject field(String text) {
        return MarkdownTextObject.builder().text(SlackText.trim(text, FIELD_LIMIT)).build();
    }
}
