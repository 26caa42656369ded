package io.postureaudit.web;

import io.postureaudit.findings.ScoreQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The posture score trend as numbers an SVG template can draw (no script, readable without JavaScript): one line
 * per account over its last scans, score 0–100 on the y axis. Labels stay text for Qute to escape.
 */
final class TrendChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int LEFT = 40;
    static final int RIGHT = 140;
    static final int TOP = 10;
    static final int BOTTOM = 30;
    private static final String[] COLOURS = {"#0b5cad", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f"};
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "1 2", "4 4"};

    /** One account's line: its label, the polyline's points, its last value, and a colour and dash to tell apart. */
    record Series(String label, String points, String last, String colour, String dash, int labelY) {
    }

    /** Gridlines at 0, 25, 50, 75, 100. */
    record Tick(int value, int y, int textY, int textX) {
    }

    record Chart(int width, int height, int left, int plotRight, int top, int bottom, List<Series> series,
            List<Tick> ticks, boolean empty) {
        public int labelX() {
            return plotRight + 6;
        }
    }

    private TrendChart() {
    }

    /** @param points newest first, as ScoreQueries.history returns them */
    static Chart of(List<ScoreQueries.TrendPoint> points) {
        Map<String, List<ScoreQueries.TrendPoint>> byAccount = new LinkedHashMap<>();
        for (int i = points.size() - 1; i >= 0; i--) {
            ScoreQueries.TrendPoint p = points.get(i);
            byAccount.computeIfAbsent(p.environment() + " (" + p.accountId() + ")", k -> new ArrayList<>()).add(p);
        }
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        int maxPoints = byAccount.values().stream().mapToInt(List::size).max().orElse(0);
        List<Series> series = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, List<ScoreQueries.TrendPoint>> e : byAccount.entrySet()) {
            StringBuilder pts = new StringBuilder();
            List<ScoreQueries.TrendPoint> line = e.getValue();
            double lastY = plotBottom;
            for (int i = 0; i < line.size(); i++) {
                double x = maxPoints <= 1 ? LEFT + (plotRight - LEFT) / 2.0
                        : LEFT + (plotRight - LEFT) * (double) (i + maxPoints - line.size()) / (maxPoints - 1);
                lastY = y(line.get(i).score().doubleValue());
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, lastY));
            }
            series.add(new Series(e.getKey(), pts.toString().strip(),
                    line.get(line.size() - 1).score().toPlainString(), COLOURS[n % COLOURS.length],
                    DASHES[n % DASHES.length], (int) Math.round(lastY) + 4));
            n++;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int v = 0; v <= 100; v += 25) {
            ticks.add(new Tick(v, (int) Math.round(y(v)), (int) Math.round(y(v)) + 4, LEFT - 6));
        }
        return new Chart(WIDTH, HEIGHT, LEFT, plotRight, TOP, plotBottom, series, ticks, series.isEmpty());
    }

    private static double y(double score) {
        return TOP + (HEIGHT - BOTTOM - TOP) * (100 - Math.max(0, Math.min(100, score))) / 100.0;
    }
}
