package io.postureaudit.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import io.postureaudit.config.PostureConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** Renders a report model and its action items as Markdown, HTML (with the SVG trend chart inline) and PDF. */
@ApplicationScoped
public class ReportRenderer {

    /** The font family name the stylesheet asks for; the configured font file is registered under it. */
    static final String FONT_FAMILY = "ReportSans";

    /** The HTML template, checked at build time. */
    @CheckedTemplate(basePath = "report")
    static class Templates {
        static native TemplateInstance report(ReportModel model, List<ActionItem.View> items, Formats fmt,
                String chart, String css, boolean inlineCss);
    }

    /** All three formats of one report. */
    public record Rendered(String markdown, String html, byte[] pdf) {
    }

    private final PostureConfig config;
    private final String css;

    public ReportRenderer(PostureConfig config) {
        this.config = config;
        try (InputStream in = ReportRenderer.class.getResourceAsStream("/META-INF/resources/report/report.css")) {
            this.css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the report stylesheet META-INF/resources/report/report.css is missing", e);
        }
    }

    /** @param chartUrl where the Markdown links the trend chart (null: no image link) */
    public Rendered render(ReportModel model, List<ActionItem.View> items, String chartUrl) {
        String markdown = MarkdownRenderer.render(model, items, chartUrl);
        String html = html(model, items, false);
        byte[] pdf = pdf(html(model, items, true));
        return new Rendered(markdown, html, pdf);
    }

    public static String chart(ReportModel model) {
        return SvgChart.trend(model.summary().trend(), model.period().start(), model.period().end(),
                ZoneId.of(model.period().zone()), ReportLanguage.text(model.period().language()).trendChart());
    }

    String html(ReportModel model, List<ActionItem.View> items, boolean inlineCss) {
        return Templates.report(model, items, new Formats(ZoneId.of(model.period().zone())), chart(model), css,
                inlineCss).setLocale(ReportLanguage.locale(model.period().language())).render();
    }

    /**
     * @throws IllegalStateException naming {@code posture.report.font-path} when the font file is missing
     */
    byte[] pdf(String xhtml) {
        Path font = config.report().fontPath();
        if (!Files.isReadable(font)) {
            throw new IllegalStateException("PDF needs a TrueType/OpenType font: expected a readable file at "
                    + font + " (posture.report.font-path; Debian: apt-get install fonts-ipaexfont-gothic), found none");
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(font.toFile(), FONT_FAMILY);
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the report PDF failed: " + e.getMessage(), e);
        }
    }
}
