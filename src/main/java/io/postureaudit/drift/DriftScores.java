package io.postureaudit.drift;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.rules.RuleDefinition;
import io.postureaudit.rules.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Baselines and the drift score. An admin accepts an account's state as of its latest scan (its open drift findings
 * resolve as accepted); the drift score is the severity-weighted count of the account's open drift findings (weights
 * as in the posture score: critical 10, high 5, medium 2, low 1, info 0), i.e. unaccepted drift since the baseline,
 * and {@code changes} the non-cosmetic changes since the baseline scan. Stored per scan for the trend.
 */
@ApplicationScoped
public class DriftScores {

    private final AgroalDataSource dataSource;
    private final Clock clock;

    public DriftScores(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** One account's drift now. */
    public record Drift(String accountId, Long baselineScanId, long score, int changes, List<Point> trend) {
    }

    /** The score as stored after one scan. */
    public record Point(long scanId, long score, int changes, java.time.Instant computedAt) {
    }

    /** Computes and stores the account's score for a scan (after its findings are reconciled). */
    public Drift record(long scanId, String accountId) {
        try (Connection c = dataSource.getConnection()) {
            Drift now = compute(c, accountId, false);
            try (PreparedStatement s = c.prepareStatement("insert into drift_score (scan_id, account_id, "
                    + "baseline_scan_id, score, changes, computed_at) values (?, ?, ?, ?, ?, ?) on conflict (scan_id, "
                    + "account_id) do update set baseline_scan_id = excluded.baseline_scan_id, score = excluded.score, "
                    + "changes = excluded.changes, computed_at = excluded.computed_at")) {
                s.setLong(1, scanId);
                s.setString(2, accountId);
                s.setObject(3, now.baselineScanId());
                s.setLong(4, now.score());
                s.setInt(5, now.changes());
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                s.executeUpdate();
            }
            return now;
        } catch (SQLException e) {
            throw new IllegalStateException("storing the drift score of account " + accountId + " for scan " + scanId
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Drift of every known account, or of one. */
    public List<Drift> current(String accountId) {
        try (Connection c = dataSource.getConnection()) {
            List<String> accounts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select id from account where (? is null or id = ?) "
                    + "order by id")) {
                s.setString(1, accountId);
                s.setString(2, accountId);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        accounts.add(rows.getString(1));
                    }
                }
            }
            List<Drift> out = new ArrayList<>();
            for (String account : accounts) {
                out.add(compute(c, account, true));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading drift failed: " + e.getMessage(), e);
        }
    }

    /** The newest scan that processed the account, or null. */
    public Long latestScan(String accountId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select max(scan_id) from scan_account where account_id = ? "
                        + "and status in ('succeeded', 'partial')")) {
            s.setString(1, accountId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                long id = rows.getLong(1);
                return rows.wasNull() ? null : id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the scans of account " + accountId + " failed: " + e.getMessage(), e);
        }
    }

    /** Records an accepted baseline. */
    public void accept(String accountId, long scanId, String actor) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("insert into drift_baseline (account_id, scan_id, accepted_by, "
                        + "accepted_at) values (?, ?, ?, ?)")) {
            s.setString(1, accountId);
            s.setLong(2, scanId);
            s.setString(3, actor);
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording the baseline of account " + accountId + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static Drift compute(Connection c, String accountId, boolean withTrend) throws SQLException {
        Long baseline = null;
        try (PreparedStatement s = c.prepareStatement("select scan_id from drift_baseline where account_id = ? "
                + "order by id desc limit 1")) {
            s.setString(1, accountId);
            try (ResultSet rows = s.executeQuery()) {
                if (rows.next()) {
                    baseline = rows.getLong(1);
                }
            }
        }
        long score = 0;
        try (PreparedStatement s = c.prepareStatement("select severity, count(*) from finding where account_id = ? "
                + "and status = 'open' and rule_id like ? group by severity")) {
            s.setString(1, accountId);
            s.setString(2, RuleDefinition.DRIFT_PREFIX.replace("_", "\\_") + "%");
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    score += (long) Severity.parse(rows.getString(1)).weight() * rows.getLong(2);
                }
            }
        }
        int changes;
        try (PreparedStatement s = c.prepareStatement("select count(*) from resource_change where account_id = ? "
                + "and not cosmetic and scan_id > ?")) {
            s.setString(1, accountId);
            s.setLong(2, baseline == null ? 0 : baseline);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                changes = rows.getInt(1);
            }
        }
        List<Point> trend = new ArrayList<>();
        if (withTrend) {
            try (PreparedStatement s = c.prepareStatement("select scan_id, score, changes, computed_at from drift_score "
                    + "where account_id = ? order by scan_id desc limit 50")) {
                s.setString(1, accountId);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        trend.add(new Point(rows.getLong(1), rows.getLong(2), rows.getInt(3),
                                rows.getTimestamp(4).toInstant()));
                    }
                }
            }
        }
        return new Drift(accountId, baseline, score, changes, trend);
    }
}
