package io.postureaudit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.postureaudit.findings.FindingView;
import io.postureaudit.rules.RuleDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Findings as files: CSV (RFC 4180, CRLF, quoted where needed; a cell that a spreadsheet would run as a formula is
 * prefixed with an apostrophe) and OCSF 1.3 Compliance Finding events (class 2003) as a JSON array.
 */
final class FindingExports {

    static final List<String> CSV_COLUMNS = List.of("id", "ruleId", "title", "severity", "status", "triageState",
            "triageAssignee", "accountId", "accountName", "region", "resourceType", "resourceArn", "message",
            "firstSeen", "lastSeen", "sampleData");
    static final String OCSF_VERSION = "1.3.0";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private FindingExports() {
    }

    static String csv(List<FindingView> findings) {
        StringBuilder out = new StringBuilder();
        row(out, CSV_COLUMNS);
        for (FindingView f : findings) {
            row(out, List.of(String.valueOf(f.id()), f.ruleId(), f.title(), f.severity(), f.status(),
                    f.triage().state(), nz(f.triage().assignee()), f.accountId(), nz(f.accountName()), f.region(),
                    f.resourceType(), f.resourceArn(), f.message(), time(f.firstSeen()), time(f.lastSeen()),
                    String.valueOf(f.sample())));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** One CSV field: formula-looking text is defused, then quoted when it holds a comma, quote or line break. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    static String ocsf(List<FindingView> findings, Function<String, RuleDefinition> rules,
            Function<String, List<String>> controls, Instant exportedAt) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (FindingView f : findings) {
            events.add(ocsf(f, rules.apply(f.ruleId()), controls.apply(f.ruleId()), exportedAt));
        }
        try {
            return JSON.writeValueAsString(events);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("findings export: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> ocsf(FindingView f, RuleDefinition rule, List<String> controls,
            Instant exportedAt) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("category_uid", 2);
        e.put("category_name", "Findings");
        e.put("class_uid", 2003);
        e.put("class_name", "Compliance Finding");
        boolean resolved = "resolved".equals(f.status());
        int activity = resolved ? 3 : f.reopenCount() > 0 || !"open".equals(f.status()) ? 2 : 1;
        e.put("activity_id", activity);
        e.put("activity_name", activity == 1 ? "Create" : activity == 2 ? "Update" : "Close");
        e.put("type_uid", 2003 * 100 + activity);
        e.put("type_name", "Compliance Finding: " + e.get("activity_name"));
        e.put("time", f.lastSeen().toEpochMilli());
        e.put("severity_id", severityId(f.severity()));
        e.put("severity", switch (f.severity()) {
            case "info" -> "Informational";
            default -> Character.toUpperCase(f.severity().charAt(0)) + f.severity().substring(1);
        });
        int status = switch (f.status()) {
            case "open" -> f.triage().state().equals("new") ? 1 : 2;
            case "suppressed" -> 3;
            default -> 4;
        };
        e.put("status_id", status);
        e.put("status", switch (status) {
            case 1 -> "New";
            case 2 -> "In Progress";
            case 3 -> "Suppressed";
            default -> "Resolved";
        });
        e.put("message", f.message());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", OCSF_VERSION);
        metadata.put("product", Map.of("name", "Posture Audit", "vendor_name", "Posture Audit"));
        metadata.put("logged_time", exportedAt.toEpochMilli());
        e.put("metadata", metadata);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("uid", String.valueOf(f.id()));
        info.put("title", f.title());
        info.put("desc", rule == null || rule.rationale() == null ? f.message() : rule.rationale().strip());
        info.put("types", List.of(f.ruleId()));
        info.put("created_time", f.firstSeen().toEpochMilli());
        info.put("first_seen_time", f.firstSeen().toEpochMilli());
        info.put("last_seen_time", f.lastSeen().toEpochMilli());
        e.put("finding_info", info);
        Map<String, Object> compliance = new LinkedHashMap<>();
        compliance.put("control", f.ruleId());
        compliance.put("requirements", controls);
        compliance.put("standards", controls.stream().map(c -> c.substring(0, c.indexOf(' ') < 0 ? c.length()
                : c.indexOf(' '))).distinct().toList());
        compliance.put("status_id", resolved ? 1 : 3);
        compliance.put("status", resolved ? "Pass" : "Fail");
        e.put("compliance", compliance);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("uid", f.accountId());
        account.put("name", f.accountName());
        account.put("type", "AWS Account");
        account.put("type_id", 10);
        e.put("cloud", Map.of("provider", "AWS", "region", f.region(), "account", account));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("uid", f.resourceArn());
        resource.put("type", f.resourceType());
        resource.put("region", f.region());
        resource.put("cloud_partition", partition(f.resourceArn()));
        e.put("resources", List.of(resource));
        if (rule != null && rule.remediation() != null && !rule.remediation().isEmpty()) {
            Map<String, Object> remediation = new LinkedHashMap<>();
            remediation.put("desc", String.join("\n", rule.remediation().entrySet().stream()
                    .map(r -> r.getKey() + ": " + r.getValue()).toList()));
            remediation.put("references", rule.references());
            e.put("remediation", remediation);
        }
        Map<String, Object> unmapped = new LinkedHashMap<>();
        unmapped.put("triage", f.triage());
        unmapped.put("suppression", f.suppression());
        unmapped.put("reopenCount", f.reopenCount());
        unmapped.put("resolvedAt", f.resolvedAt());
        unmapped.put("sampleData", f.sample());
        unmapped.put("postureStatus", f.status());
        e.put("unmapped", unmapped);
        return e;
    }

    static int severityId(String severity) {
        return switch (severity) {
            case "critical" -> 5;
            case "high" -> 4;
            case "medium" -> 3;
            case "low" -> 2;
            default -> 1;
        };
    }

    private static String partition(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 3);
        return parts.length > 1 ? parts[1] : "aws";
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
