package io.postureaudit.findings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings list's rows read with plain SQL on one connection: only the columns a list shows (never the evidence),
 * straight into {@link FindingView}s, with the account names read once per list. Entities are not needed to show a
 * list, and loading fifty of them through the ORM cost more CPU than everything else a list request does.
 */
final class FindingRows {

    /** The columns of {@link FindingView}, in the order {@link #view} reads them. */
    static final String COLUMNS = "id, rule_id, title, severity, status, account_id, region, resource_type, "
            + "resource_arn, message, first_seen, last_seen, resolved_at, reopen_count, suppressed_by, suppressed_at, "
            + "suppress_reason, suppress_expires_at, triage_state, triage_note, triage_assignee, triage_updated_by, "
            + "triage_updated_at, held_by";

    private static final Pattern NAMED = Pattern.compile("(?<!:):([A-Za-z][A-Za-z0-9]*)");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Reads one row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** One (status, severity, triage state) combination and how many findings have it. */
    record Group(String status, String severity, String triage, long count) {
    }

    private final Connection connection;
    private final ObjectMapper json;
    private Map<String, String> names;
    private Set<String> samples;

    FindingRows(Connection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
    }

    /** Runs {@code sql}, whose {@code :name} parameters are bound from {@code params}. */
    <T> List<T> list(String sql, Map<String, Object> params, Row<T> row) throws SQLException {
        List<Object> values = new ArrayList<>();
        Matcher m = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            if (!params.containsKey(m.group(1))) {
                throw new IllegalStateException("no value for :" + m.group(1) + " in " + sql);
            }
            values.add(params.get(m.group(1)));
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        try (PreparedStatement statement = connection.prepareStatement(positional.toString())) {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                statement.setObject(i + 1, value instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC)
                        : value);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        }
    }

    long single(String sql, Map<String, Object> params) throws SQLException {
        return list(sql, params, rs -> rs.getLong(1)).get(0);
    }

    /** The findings of a {@code select COLUMNS …} statement as the API shows them. */
    List<FindingView> views(String sql, Map<String, Object> params) throws SQLException {
        return list(sql, params, this::view);
    }

    /** (status, severity, triage state, count) rows of a grouped statement. */
    List<Group> groups(String sql, Map<String, Object> params) throws SQLException {
        return list(sql, params, rs -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    private FindingView view(ResultSet rs) throws SQLException {
        if (names == null) {
            accounts();
        }
        String status = rs.getString(5);
        String accountId = rs.getString(6);
        FindingView.Suppression suppression = Finding.SUPPRESSED.equals(status) ? new FindingView.Suppression(
                rs.getString(15), instant(rs, 16), rs.getString(17), instant(rs, 18)) : null;
        return new FindingView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), status, accountId,
                names.getOrDefault(accountId, accountId), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), instant(rs, 11), instant(rs, 12), instant(rs, 13), rs.getInt(14), suppression,
                samples.contains(accountId), new FindingView.Triage(rs.getString(19), rs.getString(20),
                        rs.getString(21), rs.getString(22), instant(rs, 23)), map(rs.getString(24)));
    }

    /** Account names and which accounts hold sample data: one statement per list, however many rows. */
    private void accounts() throws SQLException {
        names = new HashMap<>();
        samples = new java.util.HashSet<>();
        list("select id, name, sample from account", Map.of(), rs -> {
            names.put(rs.getString(1), rs.getString(2));
            if (rs.getBoolean(3)) {
                samples.add(rs.getString(1));
            }
            return null;
        });
    }

    private Map<String, Object> map(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("finding.held_by is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
