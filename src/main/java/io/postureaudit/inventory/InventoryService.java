package io.postureaudit.inventory;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.CollectedResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores what a scan saw. A resource gets a new version row only when its canonical content hash changes; each
 * scan records which version of each resource it saw, so an unchanged estate costs two ids a resource a scan.
 */
@ApplicationScoped
public class InventoryService {

    private static final int BATCH = 500;
    private final AgroalDataSource dataSource;
    private final Clock clock;

    public InventoryService(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** How a store call changed the inventory. */
    public record StoreResult(int resources, int newResources, int newVersions) {
    }

    private record Known(long id, Long versionId, String hash) {
    }

    @Transactional
    public StoreResult store(long scanId, String accountId, List<CollectedResource> resources) {
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Known> known = load(connection, accountId);
            int newResources = 0;
            int newVersions = 0;
            try (PreparedStatement touch = connection.prepareStatement(
                    "update resource set last_seen = ?, last_scan_id = ?, name = ?, region = ?, observed = ?::jsonb, "
                            + "current_version_id = ?, deleted_at = null, deleted_scan_id = null where id = ?");
                    PreparedStatement seen = connection.prepareStatement(
                            "insert into scan_resource (scan_id, resource_version_id) values (?, ?) on conflict do nothing")) {
                int pending = 0;
                for (CollectedResource resource : resources) {
                    String content = CanonicalJson.write(resource.data());
                    String hash = CanonicalJson.sha256(content);
                    Known existing = known.get(resource.arn());
                    long resourceId;
                    if (existing == null) {
                        resourceId = insertResource(connection, scanId, resource, now);
                        newResources++;
                    } else {
                        resourceId = existing.id();
                    }
                    long versionId;
                    if (existing != null && hash.equals(existing.hash())) {
                        versionId = existing.versionId();
                    } else {
                        versionId = upsertVersion(connection, resourceId, hash, content, scanId, now);
                        newVersions++;
                    }
                    known.put(resource.arn(), new Known(resourceId, versionId, hash));
                    touch.setTimestamp(1, now);
                    touch.setLong(2, scanId);
                    touch.setString(3, resource.name());
                    touch.setString(4, resource.region());
                    touch.setString(5, CanonicalJson.write(resource.observed()));
                    touch.setLong(6, versionId);
                    touch.setLong(7, resourceId);
                    touch.addBatch();
                    seen.setLong(1, scanId);
                    seen.setLong(2, versionId);
                    seen.addBatch();
                    if (++pending == BATCH) {
                        touch.executeBatch();
                        seen.executeBatch();
                        pending = 0;
                    }
                }
                touch.executeBatch();
                seen.executeBatch();
            }
            return new StoreResult(resources.size(), newResources, newVersions);
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + resources.size() + " resources of account " + accountId
                    + " for scan " + scanId + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Known> load(Connection connection, String accountId) throws SQLException {
        Map<String, Known> known = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select r.id, r.arn, v.id, v.content_hash from resource r "
                        + "left join resource_version v on v.id = r.current_version_id where r.account_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long versionId = rows.getLong(3);
                    known.put(rows.getString(2), new Known(rows.getLong(1), rows.wasNull() ? null : versionId,
                            rows.getString(4)));
                }
            }
        }
        return known;
    }

    private static long insertResource(Connection connection, long scanId, CollectedResource resource, Timestamp now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into resource (arn, type, account_id, region, name, first_seen, last_seen, last_scan_id) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
            insert.setString(1, resource.arn());
            insert.setString(2, resource.type());
            insert.setString(3, resource.accountId());
            insert.setString(4, resource.region());
            insert.setString(5, resource.name());
            insert.setTimestamp(6, now);
            insert.setTimestamp(7, now);
            insert.setLong(8, scanId);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    /** Inserts a version, or finds the existing one when a resource returns to content it had before. */
    private static long upsertVersion(Connection connection, long resourceId, String hash, String content, long scanId,
            Timestamp now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into resource_version (resource_id, content_hash, data, first_scan_id, created_at) "
                        + "values (?, ?, ?::jsonb, ?, ?) on conflict (resource_id, content_hash) "
                        + "do update set content_hash = excluded.content_hash returning id")) {
            insert.setLong(1, resourceId);
            insert.setString(2, hash);
            insert.setString(3, content);
            insert.setLong(4, scanId);
            insert.setTimestamp(5, now);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    /** Marks an account as known (accounts are referenced by resources and findings). */
    @Transactional
    public void ensureAccount(String accountId, String name, boolean sample) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(
                        "insert into account (id, name, sample, created_at) values (?, ?, ?, ?) "
                                + "on conflict (id) do update set name = excluded.name, sample = excluded.sample")) {
            upsert.setString(1, accountId);
            upsert.setString(2, name);
            upsert.setBoolean(3, sample);
            upsert.setTimestamp(4, Timestamp.from(Instant.now(clock)));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording account " + accountId + " failed: " + e.getMessage(), e);
        }
    }
}
