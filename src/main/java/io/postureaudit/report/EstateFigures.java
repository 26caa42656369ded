package io.postureaudit.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.report.ReportModel.AclRow;
import io.postureaudit.report.ReportModel.DetectorRow;
import io.postureaudit.report.ReportModel.FilterRow;
import io.postureaudit.report.ReportModel.GuardDuty;
import io.postureaudit.report.ReportModel.KeyCount;
import io.postureaudit.report.ReportModel.Waf;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * GuardDuty and WAF as the period left them: the resource versions seen by each account's last scan that started
 * before the period's end.
 */
final class EstateFigures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final List<String> GD_SEVERITIES = List.of("Critical", "High", "Medium", "Low");

    /** One resource as a scan saw it. */
    record Seen(String accountId, String region, String type, String name, Map<String, Object> data) {
    }

    private final Sql sql;
    private final Function<String, String> account;

    EstateFigures(Sql sql, Function<String, String> account) {
        this.sql = sql;
        this.account = account;
    }

    List<Seen> snapshot(Instant end) {
        return sql.list("the inventory at the end of the period", "with last as (select sa.account_id, "
                + "max(s.id) as scan_id from scan s join scan_account sa on sa.scan_id = s.id where s.started_at < ? "
                + "and sa.status in ('succeeded', 'partial') group by sa.account_id) "
                + "select r.account_id, r.region, r.type, r.name, v.data from last "
                + "join scan_resource sr on sr.scan_id = last.scan_id "
                + "join resource_version v on v.id = sr.resource_version_id "
                + "join resource r on r.id = v.resource_id and r.account_id = last.account_id "
                + "where r.type in (?, ?, ?) order by r.account_id, r.region, r.type, r.name",
                rs -> new Seen(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), read(rs.getString(5))),
                end, ResourceTypes.GUARDDUTY_DETECTOR, ResourceTypes.GUARDDUTY_FINDING, ResourceTypes.WAF_WEB_ACL);
    }

    GuardDuty guardDuty(List<Seen> seen, Instant start) {
        Map<String, Long> severity = new TreeMap<>(Comparator.comparingInt(s -> {
            int i = GD_SEVERITIES.indexOf(s);
            return i < 0 ? GD_SEVERITIES.size() : i;
        }));
        Map<String, Long> type = new TreeMap<>();
        long fresh = 0;
        TreeSet<String> features = new TreeSet<>();
        for (Seen s : seen) {
            if (s.type().equals(ResourceTypes.GUARDDUTY_FINDING) && !Boolean.TRUE.equals(s.data().get("archived"))) {
                severity.merge(String.valueOf(s.data().get("severityLabel")), 1L, Long::sum);
                type.merge(String.valueOf(s.data().get("type")), 1L, Long::sum);
                Instant created = instant(s.data().get("createdAt"));
                if (created != null && !created.isBefore(start)) {
                    fresh++;
                }
            } else if (s.type().equals(ResourceTypes.GUARDDUTY_DETECTOR)) {
                maps(s.data().get("features")).forEach(f -> features.add(String.valueOf(f.get("name"))));
            }
        }
        List<String> columns = List.copyOf(features);
        List<DetectorRow> detectors = new ArrayList<>();
        List<FilterRow> filters = new ArrayList<>();
        for (Seen s : seen) {
            if (!s.type().equals(ResourceTypes.GUARDDUTY_DETECTOR)) {
                continue;
            }
            Map<String, String> status = new TreeMap<>();
            maps(s.data().get("features")).forEach(f -> status.put(String.valueOf(f.get("name")),
                    String.valueOf(f.get("status"))));
            detectors.add(new DetectorRow(account.apply(s.accountId()), s.region(),
                    Boolean.TRUE.equals(s.data().get("enabled")),
                    columns.stream().map(c -> status.getOrDefault(c, "-")).toList()));
            for (Map<String, Object> f : maps(s.data().get("filters"))) {
                if (Boolean.TRUE.equals(f.get("autoArchive"))) {
                    filters.add(new FilterRow(account.apply(s.accountId()), s.region(), String.valueOf(f.get("name")),
                            trim(write(f.get("findingCriteria")), 200)));
                }
            }
        }
        return new GuardDuty(counts(severity), counts(type), fresh, columns, detectors, filters);
    }

    Waf waf(List<Seen> seen) {
        List<AclRow> acls = new ArrayList<>();
        for (Seen s : seen) {
            if (!s.type().equals(ResourceTypes.WAF_WEB_ACL)) {
                continue;
            }
            Map<String, Object> d = s.data();
            List<String> counting = maps(d.get("rules")).stream()
                    .filter(r -> "COUNT".equals(r.get("action")) || "COUNT".equals(r.get("overrideAction")))
                    .map(r -> String.valueOf(r.get("name"))).toList();
            Integer associated = Boolean.FALSE.equals(d.get("associationsRead")) ? null
                    : d.get("associatedResources") instanceof List<?> l ? l.size() : 0;
            Boolean logging = Boolean.FALSE.equals(d.get("loggingRead")) ? null : d.get("logging") != null;
            acls.add(new AclRow(account.apply(s.accountId()), s.region(), s.name(),
                    d.get("defaultAction") == null ? "-" : String.valueOf(d.get("defaultAction")), associated,
                    counting, logging));
        }
        return new Waf(acls);
    }

    private static List<KeyCount> counts(Map<String, Long> map) {
        List<KeyCount> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new KeyCount(k, v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("a stored resource version is not valid JSON: " + e.getMessage(), e);
        }
    }
}
