package io.postureaudit.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every stored version of one resource, oldest first, for the finding page's history and diffs. */
@ApplicationScoped
public class ResourceVersions {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One version: the scan that first saw it, when, and the document; {@code current} marks the live one. */
    public record Version(long id, long firstScanId, Instant createdAt, JsonNode data, boolean current) {
    }

    private final AgroalDataSource dataSource;

    public ResourceVersions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Version> of(String accountId, String arn) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select v.id, v.first_scan_id, v.created_at, v.data, v.id = r.current_version_id from resource r "
                        + "join resource_version v on v.resource_id = r.id where r.account_id = ? and r.arn = ? "
                        + "order by v.created_at, v.id")) {
            select.setString(1, accountId);
            select.setString(2, arn);
            List<Version> versions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(new Version(rows.getLong(1), rows.getLong(2), rows.getTimestamp(3).toInstant(),
                            JSON.readTree(rows.getString(4)), rows.getBoolean(5)));
                }
            }
            return versions;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading the versions of " + arn + " failed: " + e.getMessage(), e);
        }
    }
}
