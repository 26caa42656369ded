package io.postureaudit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.notify.OutboxAttachments;
import io.postureaudit.notify.OutboxMessage;
import io.postureaudit.notify.SlackText;
import io.postureaudit.report.ReportModel.EnvironmentScore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts a ready report to the reports channel through the outbox: one message per report (the report keeps the
 * outbox id), written in the same transaction that marks it posted; delivery uploads the PDF with a short summary.
 */
@ApplicationScoped
public class SlackReportPost implements OutboxAttachments {

    public static final String KIND = "report";
    private final ObjectMapper json;
    private final Clock clock;

    public SlackReportPost(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * @return the outbox message's id
     * @throws ReportNotReadyException when the report is not ready
     * @throws ReportAlreadyPostedException when it was posted (or queued) before
     */
    public long enqueue(long reportId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Report r = Report.findById(reportId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (r == null) {
                throw ReportNotFoundException.id(reportId);
            }
            if (!Report.READY.equals(r.status)) {
                throw new ReportNotReadyException("report " + reportId + " is " + r.status + "; expected ready");
            }
            if (r.outboxId != null) {
                throw new ReportAlreadyPostedException("report " + reportId + " was already posted to Slack (outbox "
                        + "message " + r.outboxId + "); one post per report");
            }
            ReportModel model = json.readValue(r.model, ReportModel.class);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("reportId", reportId);
            payload.put("text", summary(model));
            OutboxMessage message = OutboxMessage.pending(KIND, "reports", null, payload, clock.instant());
            message.persist();
            r.outboxId = message.id;
            return message.id;
        });
    }

    /** The short message: period, score per environment with its change, new and resolved, open critical/high. */
    static String summary(ReportModel m) {
        List<String> scores = new ArrayList<>();
        Formats f = new Formats(java.time.ZoneId.of(m.period().zone()));
        for (EnvironmentScore e : m.summary().environments()) {
            scores.add(SlackText.escape(e.environment()) + " " + f.score(e.end())
                    + (e.change() == null ? "" : " (" + f.change(e.change()) + ")"));
        }
        var events = m.summary().events();
        var open = m.summary().openAtEnd();
        return ReportLanguage.text(m.period().language()).slackSummary(m.period().from().toString(),
                m.period().to().toString(), scores.isEmpty() ? "—" : String.join(", ", scores), events.opened(),
                events.resolved(), open.critical(), open.high());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Attachment attachment(OutboxMessage message) {
        long reportId = ((Number) message.payload.get("reportId")).longValue();
        return QuarkusTransaction.requiringNew().call(() -> {
            Report r = Report.findById(reportId);
            if (r == null || r.pdf == null) {
                throw new MissingAttachmentException("report " + reportId + " has no PDF any more; nothing to upload");
            }
            ReportView view = ReportView.of(r);
            return new Attachment(ReportService.fileName(view), ReportLanguage.text(r.language).title() + " "
                    + r.periodFrom + " – " + r.periodTo, r.pdf);
        });
    }
}
