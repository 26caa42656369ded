package io.postureaudit.report;

import io.postureaudit.findings.ScoreFormula;
import io.postureaudit.report.ReportModel.EnvironmentScore;
import io.postureaudit.report.ReportModel.TrendPoint;
import io.postureaudit.report.ReportModel.TrendSeries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Posture scores per environment over a period: each account's latest stored score as of a moment, pooled per
 * environment the way {@link ScoreFormula} pools them (sums of checked and failing weights).
 */
final class ScoreFigures {

    private record Row(long scanId, String accountId, String environment, long checked, long failing, Instant at) {
    }

    /** The period's scores and trend. */
    record Result(List<EnvironmentScore> environments, List<TrendSeries> trend) {
    }

    private final Sql sql;

    ScoreFigures(Sql sql) {
        this.sql = sql;
    }

    Result compute(Instant start, Instant end) {
        String columns = "scan_id, account_id, environment, checked_weight, failing_weight, computed_at";
        List<Row> before = sql.list("scores before the period", "select distinct on (account_id) " + columns
                + " from posture_score where computed_at < ? order by account_id, computed_at desc, id desc",
                ScoreFigures::row, start);
        List<Row> during = sql.list("scores of the period", "select " + columns + " from posture_score "
                + "where computed_at >= ? and computed_at < ? order by computed_at, id", ScoreFigures::row, start, end);
        Map<String, Row> latest = new LinkedHashMap<>();
        before.forEach(r -> latest.put(r.accountId(), r));
        Map<String, BigDecimal> atStart = pool(latest);
        Map<String, List<TrendPoint>> series = new TreeMap<>();
        atStart.forEach((env, score) -> series.computeIfAbsent(env, k -> new ArrayList<>())
                .add(new TrendPoint(start, score)));
        // One point per scan and environment: the pool after all of that scan's rows are in.
        for (int i = 0; i < during.size(); i++) {
            Row row = during.get(i);
            latest.put(row.accountId(), row);
            boolean lastOfScan = i + 1 == during.size() || during.get(i + 1).scanId() != row.scanId();
            if (lastOfScan) {
                Map<String, BigDecimal> now = pool(latest);
                for (String env : environmentsOf(during, row.scanId())) {
                    series.computeIfAbsent(env, k -> new ArrayList<>()).add(new TrendPoint(row.at(), now.get(env)));
                }
            }
        }
        Map<String, BigDecimal> atEnd = pool(latest);
        List<EnvironmentScore> environments = new ArrayList<>();
        for (String env : new TreeSet<>(atEnd.keySet())) {
            BigDecimal s = atStart.get(env);
            BigDecimal e = atEnd.get(env);
            environments.add(new EnvironmentScore(env, s, e, s == null ? null : e.subtract(s)));
        }
        List<TrendSeries> trend = new ArrayList<>();
        series.forEach((env, points) -> trend.add(new TrendSeries(env, points)));
        return new Result(environments, trend);
    }

    private static List<String> environmentsOf(List<Row> rows, long scanId) {
        return rows.stream().filter(r -> r.scanId() == scanId).map(Row::environment).distinct().sorted().toList();
    }

    private static Map<String, BigDecimal> pool(Map<String, Row> latest) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Row r : latest.values()) {
            long[] s = sums.computeIfAbsent(r.environment(), k -> new long[2]);
            s[0] += r.checked();
            s[1] += Math.min(r.failing(), r.checked());
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        sums.forEach((env, s) -> out.put(env, ScoreFormula.score(s[0], s[1])));
        return out;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                Sql.instant(rs, "computed_at"));
    }
}
