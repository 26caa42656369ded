package io.postureaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.config.PostureConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Requests, generates and archives reports. Generation runs off the request thread, one report at a time (the PDF
 * renderer is memory-hungry and the machine is shared); every step that writes is its own transaction.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);
    private final ReportBuilder builder;
    private final ReportRenderer renderer;
    private final ActionItems actionItems;
    private final SlackReportPost slack;
    private final PostureConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "report-generator");
        t.setDaemon(true);
        return t;
    });

    public ReportService(ReportBuilder builder, ReportRenderer renderer, ActionItems actionItems,
            SlackReportPost slack, PostureConfig config, ObjectMapper json, Clock clock) {
        this.slack = slack;
        this.builder = builder;
        this.renderer = renderer;
        this.actionItems = actionItems;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** A report request as it arrives: any field may be null. */
    public record Request(String from, String to, String language) {
    }

    /**
     * Validates and records a report request, and starts generating it in the background.
     *
     * @throws ReportRequestException naming the field when the period or the language is not acceptable
     */
    public long request(Request request, String trigger, String actor) {
        return request(request, trigger, actor, false);
    }

    /** @param post also post the report to the reports channel once it is ready */
    public long request(Request request, String trigger, String actor, boolean post) {
        ReportPeriod period = ReportPeriod.resolve(request.from(), request.to(), config.report().zone(), clock);
        String language = request.language() == null || request.language().isBlank()
                ? ReportLanguage.check("posture.report.language", config.report().language())
                : ReportLanguage.check("language", request.language());
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Report r = new Report();
            r.periodFrom = period.from();
            r.periodTo = period.to();
            r.periodStart = period.start();
            r.periodEnd = period.end();
            r.zone = period.zone().getId();
            r.language = language;
            r.trigger = trigger;
            r.status = Report.PENDING;
            r.createdBy = actor;
            r.createdAt = clock.instant();
            r.persist();
            return r.id;
        });
        worker.submit(() -> {
            if (generate(id) && post) {
                slack.enqueue(id);
            }
        });
        return id;
    }

    /** Computes, renders and stores one pending report; a failure is recorded on it, never thrown. */
    public boolean generate(long id) {
        try {
            Report r = QuarkusTransaction.requiringNew().call(() -> Report.<Report>findById(id));
            ReportPeriod period = new ReportPeriod(r.periodFrom, r.periodTo, java.time.ZoneId.of(r.zone),
                    r.periodStart, r.periodEnd);
            ReportModel model = builder.build(period, r.language);
            List<ActionItem.View> items = actionItems.initial(id, model);
            ReportRenderer.Rendered rendered = renderer.render(model, items, "trend.svg");
            String modelJson = json.writeValueAsString(model);
            QuarkusTransaction.requiringNew().run(() -> {
                Report row = Report.findById(id);
                row.model = modelJson;
                row.markdown = rendered.markdown();
                row.html = rendered.html();
                row.pdf = rendered.pdf();
                row.status = Report.READY;
                row.finishedAt = clock.instant();
            });
            return true;
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.errorf(e, "Report %d could not be generated", id);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            QuarkusTransaction.requiringNew().run(() -> {
                Report row = Report.findById(id);
                row.status = Report.FAILED;
                row.error = message;
                row.finishedAt = clock.instant();
            });
            return false;
        }
    }

    public List<ReportView> list() {
        return QuarkusTransaction.joiningExisting().call(() -> Report.<Report>findAll(Sort.descending("createdAt", "id"))
                .list().stream().map(ReportView::of).toList());
    }

    public ReportView view(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> ReportView.of(require(id)));
    }

    /** One stored format ({@code md}, {@code html}, {@code pdf}) of a ready report. */
    public Object format(long id, String format) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Report r = ready(id);
            return switch (format) {
                case "md" -> r.markdown;
                case "html" -> r.html;
                case "pdf" -> r.pdf;
                default -> throw new ReportNotFoundException("report " + id + " has no format '" + format
                        + "'; expected md, html or pdf");
            };
        });
    }

    public ReportModel model(long id) {
        String stored = QuarkusTransaction.joiningExisting().call(() -> ready(id).model);
        try {
            return json.readValue(stored, ReportModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report " + id + " has a stored model that cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    public List<ActionItem.View> items(long id) {
        require(id);
        return actionItems.of(id);
    }

    /**
     * Replaces the action items of a ready report and renders its formats again from the stored model.
     *
     * @throws ReportRequestException naming the item and field when an item is not acceptable
     */
    public List<ActionItem.View> editItems(long id, List<ActionItemInput> input, String actor) {
        ReportModel model = model(id);
        List<ActionItem.View> items = actionItems.replace(id, input, actor);
        ReportRenderer.Rendered rendered = renderer.render(model, items, "trend.svg");
        QuarkusTransaction.requiringNew().run(() -> {
            Report row = Report.findById(id);
            row.markdown = rendered.markdown();
            row.html = rendered.html();
            row.pdf = rendered.pdf();
        });
        return items;
    }

    private Report ready(long id) {
        Report r = require(id);
        if (!Report.READY.equals(r.status)) {
            throw new ReportNotReadyException("report " + id + " is " + r.status + (r.error == null ? ""
                    : " (" + r.error + ")") + "; expected ready");
        }
        return r;
    }

    static Report require(long id) {
        Report r = QuarkusTransaction.joiningExisting().call(() -> Report.<Report>findById(id));
        if (r == null) {
            throw ReportNotFoundException.id(id);
        }
        return r;
    }

    /** The file name a report's PDF is offered under, e.g. {@code posture-report-2026-11-20_2026-12-03-ja.pdf}. */
    public static String fileName(ReportView report) {
        return "posture-report-" + report.periodStart() + "_" + report.periodEnd() + "-" + report.language() + ".pdf";
    }
}
