package io.postureaudit.report;

import io.postureaudit.report.ReportModel.CountRow;
import io.postureaudit.report.ReportModel.Counts;
import io.postureaudit.report.ReportModel.ExpiringSuppression;
import io.postureaudit.report.ReportModel.OpenFinding;
import io.postureaudit.report.ReportModel.SeverityCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finding figures of a period from {@code finding_history}: what opened, resolved, reopened and was suppressed
 * between start and end, and each finding's status as of the end (its last history row before the end).
 */
final class FindingFigures {

    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
    static final List<String> EVENTS = List.of("opened", "resolved", "reopened", "suppressed");
    static final int OLDEST_OPEN = 10;
    static final Duration EXPIRY_WINDOW = Duration.ofDays(14);

    /** The status every finding had at the end of the period. */
    private static final String STATUS_AT_END = "with last as (select distinct on (h.finding_id) h.finding_id, "
            + "h.to_status from finding_history h where h.at < ? order by h.finding_id, h.at desc, h.id desc) ";

    private final Sql sql;
    private final Map<String, String> accountNames;

    FindingFigures(Sql sql, Map<String, String> accountNames) {
        this.sql = sql;
        this.accountNames = accountNames;
    }

    /** One event count: finding, event, severity, service, rule. */
    record Event(long findingId, String event, String severity, String service, String ruleId) {
    }

    List<Event> events(Instant start, Instant end) {
        return sql.list("finding events", "select distinct h.finding_id, h.event, f.severity, "
                + "split_part(f.resource_type, '.', 1) as service, f.rule_id from finding_history h "
                + "join finding f on f.id = h.finding_id where h.at >= ? and h.at < ? "
                + "and h.event in ('opened', 'resolved', 'reopened', 'suppressed')",
                rs -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                start, end);
    }

    static Counts counts(List<Event> events) {
        long[] n = new long[EVENTS.size()];
        events.forEach(e -> n[EVENTS.indexOf(e.event())]++);
        return new Counts(n[0], n[1], n[2], n[3]);
    }

    /** Every severity in order, with zeros; services alphabetically, only those with events. */
    static List<CountRow> bySeverity(List<Event> events) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        SEVERITIES.forEach(s -> rows.put(s, new long[4]));
        events.forEach(e -> rows.get(e.severity())[EVENTS.indexOf(e.event())]++);
        return rows(rows);
    }

    static List<CountRow> byService(List<Event> events) {
        Map<String, long[]> rows = new TreeMap<>();
        events.forEach(e -> rows.computeIfAbsent(e.service(), k -> new long[4])[EVENTS.indexOf(e.event())]++);
        return rows(rows);
    }

    private static List<CountRow> rows(Map<String, long[]> rows) {
        List<CountRow> out = new ArrayList<>();
        rows.forEach((k, n) -> out.add(new CountRow(k, n[0], n[1], n[2], n[3])));
        return out;
    }

    SeverityCounts openAtEnd(Instant end) {
        Map<String, Long> counts = new LinkedHashMap<>();
        sql.list("open findings", STATUS_AT_END + "select f.severity, count(*) from last join finding f "
                + "on f.id = last.finding_id where last.to_status = 'open' group by f.severity",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), end);
        return new SeverityCounts(counts.getOrDefault("critical", 0L), counts.getOrDefault("high", 0L),
                counts.getOrDefault("medium", 0L), counts.getOrDefault("low", 0L), counts.getOrDefault("info", 0L));
    }

    /** Critical and high findings open at the end, oldest first; age counted from first seen to the end. */
    List<OpenFinding> oldestOpen(Instant end) {
        return sql.list("oldest open findings", STATUS_AT_END + "select f.id, f.rule_id, f.title, f.severity, "
                + "f.account_id, f.resource_arn, f.first_seen from last join finding f on f.id = last.finding_id "
                + "where last.to_status = 'open' and f.severity in ('critical', 'high') "
                + "order by f.first_seen, f.id limit " + OLDEST_OPEN,
                rs -> {
                    Instant first = Sql.instant(rs, "first_seen");
                    return new OpenFinding(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            account(rs.getString(5)), rs.getString(6), first, Duration.between(first, end).toDays());
                }, end);
    }

    /** Suppressed at the end and running out within 14 days after it, soonest first. */
    List<ExpiringSuppression> expiring(Instant end) {
        return sql.list("expiring suppressions", STATUS_AT_END + "select f.id, f.title, f.severity, f.account_id, "
                + "f.resource_arn, f.suppressed_by, f.suppress_reason, f.suppress_expires_at from last "
                + "join finding f on f.id = last.finding_id where last.to_status = 'suppressed' "
                + "and f.suppress_expires_at >= ? and f.suppress_expires_at < ? order by f.suppress_expires_at, f.id",
                rs -> {
                    Instant expires = Sql.instant(rs, "suppress_expires_at");
                    return new ExpiringSuppression(rs.getLong(1), rs.getString(2), rs.getString(3),
                            account(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), expires,
                            Duration.between(end, expires).toDays());
                }, end, end, end.plus(EXPIRY_WINDOW));
    }

    /** A rule's open findings at the end of the period, and whether its first finding ever opened in the period. */
    record RuleState(String ruleId, long openAtEnd, Instant firstOpened) {
    }

    Map<String, RuleState> ruleStates(Instant end) {
        Map<String, RuleState> out = new LinkedHashMap<>();
        sql.list("rule states", STATUS_AT_END + "select f.rule_id, count(*) filter (where last.to_status = 'open'), "
                + "min(f.first_seen) as first_opened from last join finding f on f.id = last.finding_id group by f.rule_id",
                rs -> out.put(rs.getString(1), new RuleState(rs.getString(1), rs.getLong(2),
                        Sql.instant(rs, "first_opened"))), end);
        return out;
    }

    /** A critical or high finding opened or reopened in the period and still open at its end. */
    record Urgent(long id, String title, String severity, String account, String resourceArn) {
    }

    List<Urgent> urgent(Instant start, Instant end) {
        return sql.list("urgent findings", STATUS_AT_END + "select f.id, f.title, f.severity, f.account_id, "
                + "f.resource_arn from last join finding f on f.id = last.finding_id where last.to_status = 'open' "
                + "and f.severity in ('critical', 'high') and exists (select 1 from finding_history h "
                + "where h.finding_id = f.id and h.at >= ? and h.at < ? and h.event in ('opened', 'reopened')) "
                + "order by case f.severity when 'critical' then 0 else 1 end, f.first_seen, f.id",
                rs -> new Urgent(rs.getLong(1), rs.getString(2), rs.getString(3), account(rs.getString(4)),
                        rs.getString(5)), end, start, end);
    }

    private String account(String id) {
        String name = accountNames.get(id);
        return name == null || name.equals(id) ? id : name + " (" + id + ")";
    }
}
