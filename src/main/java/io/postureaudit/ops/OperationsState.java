package io.postureaudit.ops;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the figures operators watch from the database in a handful of grouped queries: resources by type, findings by
 * severity and status, the outbox, and when each account last had a complete scan (recorded without a gap).
 */
@ApplicationScoped
public class OperationsState {

    private final AgroalDataSource dataSource;

    public OperationsState(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One count with its labels. */
    public record Count(Map<String, String> labels, long value) {
    }

    /** Everything the gauges show, read at one moment. */
    public record Snapshot(List<Count> resources, List<Count> findings, long outboxPending, Instant oldestPending,
            long deadLetters, Map<String, Instant> lastCompleteScan) {
    }

    public Snapshot read() {
        try (Connection connection = dataSource.getConnection()) {
            List<Count> resources = counts(connection,
                    "select type, account_id, count(*) from resource group by type, account_id", "type", "account");
            List<Count> findings = counts(connection, "select severity, status, account_id, count(*) from finding "
                    + "group by severity, status, account_id", "severity", "status", "account");
            long pending = 0;
            Instant oldest = null;
            long dead = 0;
            try (PreparedStatement select = connection.prepareStatement(
                    "select count(*) filter (where status = 'pending'), min(created_at) filter (where status = 'pending'), "
                            + "count(*) filter (where status = 'failed') from outbox_message");
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                pending = rows.getLong(1);
                Timestamp min = rows.getTimestamp(2);
                oldest = min == null ? null : min.toInstant();
                dead = rows.getLong(3);
            }
            return new Snapshot(resources, findings, pending, oldest, dead, lastCompleteScans(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the operations figures failed: " + e.getMessage(), e);
        }
    }

    /** When each account last finished a scan without a gap. */
    public Map<String, Instant> lastCompleteScans() {
        try (Connection connection = dataSource.getConnection()) {
            return lastCompleteScans(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the last complete scans failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Instant> lastCompleteScans(Connection connection) throws SQLException {
        Map<String, Instant> out = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select a.account_id, max(s.finished_at) from scan_account a join scan s on s.id = a.scan_id "
                        + "where a.status = 'succeeded' and s.finished_at is not null group by a.account_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                out.put(rows.getString(1), rows.getTimestamp(2).toInstant());
            }
        }
        return out;
    }

    private static List<Count> counts(Connection connection, String sql, String... labels) throws SQLException {
        List<Count> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Map<String, String> tags = new HashMap<>();
                for (int i = 0; i < labels.length; i++) {
                    tags.put(labels[i], rows.getString(i + 1));
                }
                out.add(new Count(tags, rows.getLong(labels.length + 1)));
            }
        }
        return out;
    }
}
