package io.postureaudit.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.policy.risk.EscalationCatalog;
import io.postureaudit.policy.risk.EscalationMethod;
import io.postureaudit.report.ReportModel.EscalationPath;
import io.postureaudit.report.ReportModel.LeastPrivilege;
import io.postureaudit.report.ReportModel.RightSizingLine;
import io.postureaudit.report.ReportModel.RiskLine;
import io.postureaudit.report.ReportModel.RiskyPrincipal;
import io.postureaudit.report.ReportModel.ScoreChange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Least-privilege figures of a period: each account's latest stored analysis from a scan started before the end,
 * compared with the one before the start.
 */
final class PrincipalFigures {

    static final int RISKIEST = 5;
    static final int CHANGES = 5;
    static final int RIGHT_SIZING = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** One stored analysis. */
    record Analysis(String arn, String type, String accountId, String name, int score, List<Map<String, Object>> risks,
            Map<String, Object> suggestion, Map<String, Object> facts) {
    }

    private final Sql sql;
    private final Function<String, String> account;

    PrincipalFigures(Sql sql, Function<String, String> account) {
        this.sql = sql;
        this.account = account;
    }

    List<Analysis> asOf(Instant moment) {
        return sql.list("principal analyses", "with latest as (select p.account_id, max(p.scan_id) as scan_id "
                + "from principal_analysis p join scan s on s.id = p.scan_id where s.started_at < ? "
                + "group by p.account_id) select p.arn, c.type, p.account_id, c.name, p.score, c.risks, c.suggestion, "
                + "c.facts from principal_analysis p join latest l on l.account_id = p.account_id "
                + "and l.scan_id = p.scan_id join principal_analysis_content c on c.content_hash = p.content_hash "
                + "order by p.score, p.account_id, p.arn",
                rs -> new Analysis(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        read(rs.getString(6), LIST), rs.getString(7) == null ? null : read(rs.getString(7), MAP),
                        read(rs.getString(8), MAP)), moment);
    }

    LeastPrivilege compute(List<Analysis> atEnd, Instant start) {
        if (atEnd.isEmpty()) {
            return new LeastPrivilege(false, List.of(), List.of(), List.of());
        }
        List<RiskyPrincipal> riskiest = atEnd.stream().filter(a -> !a.risks().isEmpty())
                .sorted(Comparator.comparingInt(Analysis::score).thenComparing(a -> -a.risks().size())
                        .thenComparing(Analysis::accountId).thenComparing(Analysis::arn))
                .limit(RISKIEST).map(this::risky).toList();
        Map<String, Integer> before = new HashMap<>();
        asOf(start).forEach(a -> before.put(a.accountId() + " " + a.arn(), a.score()));
        List<ScoreChange> changes = new ArrayList<>();
        for (Analysis a : atEnd) {
            Integer was = before.get(a.accountId() + " " + a.arn());
            int change = was == null ? 0 : a.score() - was;
            if (change != 0) {
                changes.add(new ScoreChange(a.arn(), label(a), account.apply(a.accountId()), was, a.score(), change));
            }
        }
        changes.sort(Comparator.comparingInt((ScoreChange c) -> -Math.abs(c.change())).thenComparing(ScoreChange::arn));
        List<RightSizingLine> rightSizing = new ArrayList<>();
        for (Analysis a : atEnd) {
            List<String> removed = strings(a.suggestion() == null ? null : a.suggestion().get("removedServices"));
            if (!removed.isEmpty()) {
                rightSizing.add(new RightSizingLine(a.arn(), label(a), account.apply(a.accountId()), removed,
                        String.valueOf(a.suggestion().get("basis"))));
            }
        }
        rightSizing.sort(Comparator.comparingInt((RightSizingLine r) -> -r.removedServices().size())
                .thenComparing(RightSizingLine::arn));
        return new LeastPrivilege(true, riskiest, changes.stream().limit(CHANGES).toList(),
                rightSizing.stream().limit(RIGHT_SIZING).toList());
    }

    /** The least-scoring principal with an escalation method, that method's steps, and the statement granting it. */
    EscalationPath escalation(List<Analysis> atEnd) {
        Map<String, EscalationMethod> methods = new HashMap<>();
        EscalationCatalog.methods().forEach(m -> methods.put(m.id(), m));
        for (Analysis a : atEnd) {
            for (String id : strings(a.facts().get("escalationMethods"))) {
                EscalationMethod method = methods.get(id);
                if (method == null) {
                    continue;
                }
                List<String> steps = method.requirements().stream().map(r -> r.action() + " → "
                        + r.target().replace("{account}", a.accountId())).toList();
                String grantedBy = a.risks().stream()
                        .filter(r -> "privilege-escalation".equals(r.get("category"))
                                && String.valueOf(r.get("detail")).contains("(" + id + ":"))
                        .findFirst().map(PrincipalFigures::evidence).orElse("");
                return new EscalationPath(a.arn(), label(a), account.apply(a.accountId()), id, method.title(), steps,
                        grantedBy);
            }
        }
        return null;
    }

    private RiskyPrincipal risky(Analysis a) {
        List<RiskLine> risks = a.risks().stream().map(r -> new RiskLine(String.valueOf(r.get("category")),
                String.valueOf(r.get("detail")), evidence(r))).toList();
        return new RiskyPrincipal(a.arn(), label(a), a.type(), account.apply(a.accountId()), a.score(), risks);
    }

    /** "policy · statement" of each evidence item, e.g. {@code ops-everything · Everything}. */
    @SuppressWarnings("unchecked")
    private static String evidence(Map<String, Object> risk) {
        Object evidence = risk.get("evidence");
        if (!(evidence instanceof List<?> list)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Object e : list) {
            if (e instanceof Map<?, ?> m) {
                parts.add(m.get("policy") + " · " + m.get("statement"));
            }
        }
        return String.join("; ", parts);
    }

    private static String label(Analysis a) {
        return a.name() == null || a.name().isBlank() ? a.arn() : a.name();
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("a stored principal analysis is not valid JSON: " + e.getMessage(), e);
        }
    }
}
