package io.postureaudit.report;

import io.postureaudit.report.ReportModel.TrendPoint;
import io.postureaudit.report.ReportModel.TrendSeries;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The posture trend as a standalone SVG: one line per environment over the period, every point a circle carrying
 * its environment, time and score as data attributes; no script, no style attributes (the pages' CSP allows none).
 */
public final class SvgChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    private static final int LEFT = 48;
    private static final int RIGHT = 150;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private SvgChart() {
    }

    public static String trend(List<TrendSeries> series, Instant start, Instant end, ZoneId zone, String label) {
        double lo = 100;
        for (TrendSeries s : series) {
            for (TrendPoint p : s.points()) {
                lo = Math.min(lo, p.score().doubleValue());
            }
        }
        lo = Math.max(0, Math.floor((lo - 5) / 10) * 10);
        double span = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"ReportSans, sans-serif\" role=\"img\" aria-label=\"").append(xml(label)).append("\">");
        svg.append("<title>").append(xml(label)).append("</title>");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>");
        for (int i = 0; i <= 4; i++) {
            double value = lo + (100 - lo) * i / 4;
            double y = TOP + plotH - plotH * i / 4;
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(num(y)).append("\" x2=\"")
                    .append(num(LEFT + plotW)).append("\" y2=\"").append(num(y))
                    .append("\" stroke=\"#dddddd\" stroke-width=\"1\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#333333\">").append(num(value))
                    .append("</text>");
        }
        LocalDate first = LocalDate.ofInstant(start, zone);
        LocalDate last = LocalDate.ofInstant(end.minusMillis(1), zone);
        svg.append(axisLabel(LEFT, first.toString(), "start"));
        svg.append(axisLabel(LEFT + plotW, last.toString(), "end"));
        for (int s = 0; s < series.size(); s++) {
            TrendSeries line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder path = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (TrendPoint p : line.points()) {
                double x = LEFT + plotW * (p.at().toEpochMilli() - start.toEpochMilli()) / span;
                double y = TOP + plotH - plotH * (p.score().doubleValue() - lo) / (100 - lo);
                path.append(path.length() == 0 ? "M" : " L").append(num(x)).append(' ').append(num(y));
                dots.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"3\" fill=\"")
                        .append(colour).append("\" data-environment=\"").append(xml(line.environment()))
                        .append("\" data-at=\"").append(p.at()).append("\" data-score=\"").append(plain(p.score()))
                        .append("\"/>");
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>").append(dots);
            double legendY = TOP + 14 + s * 18;
            svg.append("<rect x=\"").append(num(WIDTH - RIGHT + 12)).append("\" y=\"").append(num(legendY - 9))
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(colour).append("\"/>");
            BigDecimal lastScore = line.points().isEmpty() ? null : line.points().get(line.points().size() - 1).score();
            svg.append("<text x=\"").append(num(WIDTH - RIGHT + 28)).append("\" y=\"").append(num(legendY))
                    .append("\" font-size=\"11\" fill=\"#333333\">").append(xml(line.environment()))
                    .append(lastScore == null ? "" : " " + plain(lastScore)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String axisLabel(double x, String text, String anchor) {
        return "<text x=\"" + num(x) + "\" y=\"" + (HEIGHT - 12) + "\" font-size=\"11\" text-anchor=\"" + anchor
                + "\" fill=\"#333333\">" + xml(text) + "</text>";
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
