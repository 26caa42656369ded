package io.postureaudit.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.report.ReportModel.AccountChanges;
import io.postureaudit.report.ReportModel.Drift;
import io.postureaudit.report.ReportModel.IacCoverage;
import io.postureaudit.report.ReportModel.IamChange;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Drift of a period from the change records ({@code resource_change}): changes per account, and the changes of
 * access (who gained or lost what), and the IaC coverage trend. Where the schema has no change records yet, the
 * section is not available.
 */
final class DriftFigures {

    static final int IAM_CHANGES = 10;
    /** The parts of a change's effect that make it a change of access (the {@code drift.Effect} record's keys). */
    private static final List<String> NON_EMPTY = List.of("granted", "revoked", "trustAdded", "trustRemoved",
            "risksAdded", "escalationsAdded");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final Sql sql;

    DriftFigures(Sql sql) {
        this.sql = sql;
    }

    Drift compute(ReportPeriod period, Function<String, String> account) {
        boolean available = Boolean.TRUE.equals(sql.list("change records", "select to_regclass('resource_change') "
                + "is not null", rs -> rs.getBoolean(1)).get(0));
        if (!available) {
            return new Drift(false, List.of(), List.of(), List.of());
        }
        List<AccountChanges> byAccount = sql.list("changes by account", "select account_id, "
                + "count(*) filter (where change = 'created'), count(*) filter (where change = 'modified'), "
                + "count(*) filter (where change = 'deleted') from resource_change where not cosmetic "
                + "and detected_at >= ? and detected_at < ? group by account_id order by account_id",
                rs -> new AccountChanges(account.apply(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                period.start(), period.end());
        List<IamChange> iam = sql.list("changes of access", "select account_id, coalesce(name, resource_arn), "
                + "effect, detected_at from resource_change where effect is not null and not cosmetic "
                + "and detected_at >= ? and detected_at < ? and (" + NON_EMPTY.stream()
                        .map(key -> "jsonb_array_length(coalesce(effect->'" + key + "', '[]')) > 0")
                        .collect(java.util.stream.Collectors.joining(" or ")) + ") "
                + "order by detected_at, id limit " + IAM_CHANGES,
                rs -> {
                    Map<String, Object> effect = read(rs.getString(3));
                    List<String> risks = new java.util.ArrayList<>(strings(effect, "risksAdded"));
                    risks.addAll(strings(effect, "escalationsAdded"));
                    return new IamChange(account.apply(rs.getString(1)), rs.getString(2), strings(effect, "granted"),
                            strings(effect, "revoked"), strings(effect, "trustAdded"), risks,
                            strings(effect, "principals"), Sql.instant(rs, "detected_at"));
                }, period.start(), period.end());
        return new Drift(true, byAccount, iam, coverage(period, account));
    }

    /** Each account's coverage entering the period (last point before it) and leaving it (last point in it). */
    private List<IacCoverage> coverage(ReportPeriod period, Function<String, String> account) {
        return sql.list("IaC coverage", "select a.account_id, s.covered, s.counted, e.covered, e.counted, "
                + "e.states_complete from (select distinct account_id from terraform_coverage where computed_at < ?) a "
                + "left join lateral (select covered, counted from terraform_coverage c where c.account_id = a.account_id "
                + "and c.computed_at < ? order by computed_at desc, scan_id desc limit 1) s on true "
                + "left join lateral (select covered, counted, states_complete from terraform_coverage c "
                + "where c.account_id = a.account_id and c.computed_at >= ? and c.computed_at < ? "
                + "order by computed_at desc, scan_id desc limit 1) e on true order by a.account_id",
                rs -> {
                    BigDecimal start = percent(rs.getObject(2) == null ? null : rs.getLong(2), rs.getLong(3));
                    boolean inPeriod = rs.getObject(4) != null;
                    BigDecimal end = inPeriod ? percent(rs.getLong(4), rs.getLong(5)) : start;
                    long covered = inPeriod ? rs.getLong(4) : rs.getLong(2);
                    long counted = inPeriod ? rs.getLong(5) : rs.getLong(3);
                    boolean complete = !inPeriod || rs.getBoolean(6);
                    BigDecimal change = start == null || end == null ? null : end.subtract(start);
                    return new IacCoverage(account.apply(rs.getString(1)), start, end, change, covered, counted,
                            complete);
                }, period.end(), period.start(), period.start(), period.end());
    }

    /** Covered share in percent, one decimal, rounded down (as {@code /api/terraform} shows it); null for none. */
    private static BigDecimal percent(Long covered, long counted) {
        if (covered == null || counted == 0) {
            return null;
        }
        return BigDecimal.valueOf(covered * 1000 / counted, 1);
    }

    private static List<String> strings(Map<String, Object> effect, String key) {
        return effect.get(key) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("a stored change effect is not valid JSON: " + e.getMessage(), e);
        }
    }
}
