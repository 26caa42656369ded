package io.postureaudit.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.inventory.CanonicalJson;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The SQL of change detection: which scans saw what, version data, change rows and deletion marks. */
final class ChangeStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ChangeStore() {
    }

    /** One resource as one scan saw it. */
    record Seen(long resourceId, String arn, String type, String region, String name, long versionId) {

        String scope() {
            return region + "|" + type.substring(0, type.indexOf('.'));
        }
    }

    /** A change with the two versions it lies between (null on the side where the resource is absent). */
    record Pending(Change change, long resourceId, Long beforeVersionId, Long afterVersionId) {
    }

    /** For each {@code region|service} scope, the newest earlier scan that read it completely. */
    static Map<String, Long> previousCompleteScans(Connection c, String accountId, long scanId) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select region, service, max(scan_id) from scan_coverage "
                + "where account_id = ? and complete and scan_id < ? group by region, service")) {
            s.setString(1, accountId);
            s.setLong(2, scanId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1) + "|" + rows.getString(2), rows.getLong(3));
                }
            }
        }
        return out;
    }

    /** What an earlier scan saw of the account. */
    static List<Seen> seenBy(Connection c, long scanId, String accountId) throws SQLException {
        return seen(c, "select r.id, r.arn, r.type, r.region, r.name, v.id from scan_resource sr "
                + "join resource_version v on v.id = sr.resource_version_id join resource r on r.id = v.resource_id "
                + "where sr.scan_id = ? and r.account_id = ?", scanId, accountId);
    }

    /** What this scan stored (the inventory sets {@code last_scan_id} on every resource it sees). */
    static List<Seen> current(Connection c, long scanId, String accountId) throws SQLException {
        return seen(c, "select r.id, r.arn, r.type, r.region, r.name, r.current_version_id from resource r "
                + "where r.last_scan_id = ? and r.account_id = ?", scanId, accountId);
    }

    private static List<Seen> seen(Connection c, String sql, long scanId, String accountId) throws SQLException {
        List<Seen> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, scanId);
            s.setString(2, accountId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(new Seen(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getLong(6)));
                }
            }
        }
        return out;
    }

    /** The data of some versions, by version id. */
    static Map<Long, Map<String, Object>> data(Connection c, Collection<Long> versionIds) throws SQLException {
        Map<Long, Map<String, Object>> out = new HashMap<>();
        if (versionIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement("select id, data from resource_version where id = any(?)")) {
            Array ids = c.createArrayOf("bigint", versionIds.toArray());
            s.setArray(1, ids);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getLong(1), parse(rows.getString(2)));
                }
            }
        }
        return out;
    }

    /** Inserts the changes and returns them with their ids. */
    static List<Change> insert(Connection c, List<Pending> pending) throws SQLException {
        List<Change> out = new ArrayList<>();
        if (pending.isEmpty()) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement("insert into resource_change (scan_id, previous_scan_id, "
                + "account_id, region, resource_type, resource_arn, resource_id, name, change, cosmetic, fields, "
                + "effect, actor, before_version_id, after_version_id, detected_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)",
                // Only the id comes back. RETURN_GENERATED_KEYS makes the driver append "returning *": every row's
                // fields and effect JSON sent back while the batch is still being written, which deadlocked a
                // 575-row batch (client blocked writing, server blocked writing results nobody read yet).
                new String[] {"id"})) {
            for (Pending p : pending) {
                Change ch = p.change();
                s.setLong(1, ch.scanId());
                s.setLong(2, ch.previousScanId());
                s.setString(3, ch.accountId());
                s.setString(4, ch.region());
                s.setString(5, ch.resourceType());
                s.setString(6, ch.resourceArn());
                s.setLong(7, p.resourceId());
                s.setString(8, ch.name());
                s.setString(9, ch.change());
                s.setBoolean(10, ch.cosmetic());
                s.setString(11, CanonicalJson.write(ch.fields()));
                s.setString(12, ch.effect() == null ? null : CanonicalJson.write(ch.effect()));
                s.setString(13, ch.actor() == null ? null : CanonicalJson.write(ch.actor()));
                setLong(s, 14, p.beforeVersionId());
                setLong(s, 15, p.afterVersionId());
                s.setTimestamp(16, Timestamp.from(ch.detectedAt()));
                s.addBatch();
            }
            s.executeBatch();
            try (ResultSet keys = s.getGeneratedKeys()) {
                int i = 0;
                while (keys.next()) {
                    out.add(pending.get(i++).change().withId(keys.getLong(1)));
                }
            }
        }
        return out;
    }

    /**
     * Marks deleted every live resource of one complete scope that this scan did not see, except those whose read
     * failed (a gap naming the resource).
     */
    static int markDeleted(Connection c, long scanId, String accountId, String region, String service,
            Collection<String> gapArns, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update resource set deleted_at = ?, deleted_scan_id = ? "
                + "where account_id = ? and region = ? and split_part(type, '.', 1) = ? and deleted_at is null "
                + "and last_scan_id <> ? and not (arn = any(?))")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, scanId);
            s.setString(3, accountId);
            s.setString(4, region);
            s.setString(5, service);
            s.setLong(6, scanId);
            s.setArray(7, c.createArrayOf("text", gapArns.toArray()));
            return s.executeUpdate();
        }
    }

    /** Records who made a change (CloudTrail attribution). */
    static void setActor(Connection c, long changeId, Map<String, Object> actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update resource_change set actor = ?::jsonb where id = ?")) {
            s.setString(1, actor == null ? null : CanonicalJson.write(actor));
            s.setLong(2, changeId);
            s.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    static Map<String, Object> parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, MAP);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }
}
