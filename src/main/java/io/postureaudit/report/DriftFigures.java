package io.postureaudit.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.report.ReportModel.AccountChanges;
import io.postureaudit.report.ReportModel.Drift;
import io.postureaudit.report.ReportModel.IamChange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Drift of a period from the change records ({@code resource_change}): changes per account, and the changes of
 * access (who gained or lost what). Where the schema has no change records yet, the section is not available.
 */
final class DriftFigures {

    static final int IAM_CHANGES = 10;
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
            return new Drift(false, List.of(), List.of());
        }
        List<AccountChanges> byAccount = sql.list("changes by account", "select account_id, "
                + "count(*) filter (where change = 'created'), count(*) filter (where change = 'modified'), "
                + "count(*) filter (where change = 'deleted') from resource_change where not cosmetic "
                + "and detected_at >= ? and detected_at < ? group by account_id order by account_id",
                rs -> new AccountChanges(account.apply(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                period.start(), period.end());
        List<IamChange> iam = sql.list("changes of access", "select account_id, coalesce(name, resource_arn), "
                + "effect, detected_at from resource_change where effect is not null and not cosmetic "
                + "and detected_at >= ? and detected_at < ? and (jsonb_array_length(coalesce(effect->'granted', "
                + "'[]')) > 0 or jsonb_array_length(coalesce(effect->'revoked', '[]')) > 0 "
                + "or jsonb_array_length(coalesce(effect->'risksAdded', '[]')) > 0) "
                + "order by detected_at, id limit " + IAM_CHANGES,
                rs -> {
                    Map<String, Object> effect = read(rs.getString(3));
                    return new IamChange(account.apply(rs.getString(1)), rs.getString(2), strings(effect, "granted"),
                            strings(effect, "revoked"), strings(effect, "risksAdded"), Sql.instant(rs, "detected_at"));
                }, period.start(), period.end());
        return new Drift(true, byAccount, iam);
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
