package io.postureaudit.collect.iam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's credential report, parsed: per user (and the {@code <root_account>} row) what is configured
 * ({@link Row#credentials()}, versioned) and when it was last used ({@link Row#usage()}, volatile).
 */
public final class CredentialReport {

    static final String ROOT = "<root_account>";
    private final Map<String, Row> byArn = new HashMap<>();
    private Row root;

    /** One line of the report. */
    public record Row(Map<String, Object> credentials, Map<String, Object> usage) {
    }

    /**
     * Parses the CSV as IAM produces it, by RFC 4180: fields may be quoted, and a quoted field may hold commas,
     * doubled quotes and line breaks (IAM user names may contain {@code +=,.@_-}).
     *
     * @throws IllegalArgumentException naming the line and column when the text is not a credential report
     */
    public static CredentialReport parse(String csv) {
        List<List<String>> records = records(csv);
        if (records.isEmpty() || records.get(0).size() < 2 || !records.get(0).get(0).equals("user")
                || !records.get(0).get(1).equals("arn")) {
            String first = csv.lines().findFirst().orElse("");
            throw new IllegalArgumentException("credential report line 1: expected a header starting 'user,arn,', found '"
                    + abbreviate(first) + "'");
        }
        List<String> header = records.get(0);
        CredentialReport report = new CredentialReport();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException("credential report record " + (i + 1) + ": expected "
                        + header.size() + " columns, found " + cells.size());
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                row.put(header.get(c), cells.get(c));
            }
            Row parsed = row(row);
            if (ROOT.equals(row.get("user"))) {
                report.root = parsed;
            } else {
                report.byArn.put(row.get("arn"), parsed);
            }
        }
        return report;
    }

    /** RFC 4180 records: CRLF or LF between records, {@code "} quoting with {@code ""} as an escaped quote. */
    static List<List<String>> records(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int n = csv.length();
        for (int i = 0; i < n; i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < n && csv.charAt(i + 1) == '\n') {
                continue;
            } else if (ch == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                line++;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("credential report line " + line
                    + ": expected a closing '\"' for a quoted field, found the end of the report");
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    public Optional<Row> user(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public Optional<Row> root() {
        return Optional.ofNullable(root);
    }

    public int users() {
        return byArn.size();
    }

    private static Row row(Map<String, String> r) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        Map<String, Object> usage = new LinkedHashMap<>();
        credentials.put("passwordEnabled", bool(r.get("password_enabled")));
        credentials.put("passwordLastChanged", date(r.get("password_last_changed")));
        credentials.put("passwordNextRotation", date(r.get("password_next_rotation")));
        credentials.put("mfaActive", bool(r.get("mfa_active")));
        credentials.put("userCreationTime", date(r.get("user_creation_time")));
        usage.put("passwordLastUsed", date(r.get("password_last_used")));
        List<Map<String, Object>> keys = new ArrayList<>();
        List<Map<String, Object>> keyUsage = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String prefix = "access_key_" + n + "_";
            Map<String, Object> key = new LinkedHashMap<>();
            key.put("number", n);
            key.put("active", bool(r.get(prefix + "active")));
            key.put("lastRotated", date(r.get(prefix + "last_rotated")));
            keys.add(key);
            Map<String, Object> used = new LinkedHashMap<>();
            used.put("number", n);
            used.put("lastUsedDate", date(r.get(prefix + "last_used_date")));
            used.put("lastUsedRegion", value(r.get(prefix + "last_used_region")));
            used.put("lastUsedService", value(r.get(prefix + "last_used_service")));
            keyUsage.add(used);
        }
        credentials.put("accessKeys", keys);
        credentials.put("activeAccessKeys", keys.stream().filter(k -> Boolean.TRUE.equals(k.get("active"))).count());
        usage.put("accessKeys", keyUsage);
        List<Map<String, Object>> certificates = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put("number", n);
            cert.put("active", bool(r.get("cert_" + n + "_active")));
            cert.put("lastRotated", date(r.get("cert_" + n + "_last_rotated")));
            certificates.add(cert);
        }
        credentials.put("certificates", certificates);
        return new Row(credentials, usage);
    }

    /** IAM writes "true"/"false", and "not_supported" for the root password. */
    private static Boolean bool(String value) {
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        return null;
    }

    /** Dates are ISO-8601; "N/A", "no_information" and "not_supported" mean no date. */
    private static String date(String value) {
        return value == null || value.isEmpty() || !Character.isDigit(value.charAt(0)) ? null : value;
    }

    private static String value(String value) {
        return value == null || value.isEmpty() || "N/A".equals(value) ? null : value;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
