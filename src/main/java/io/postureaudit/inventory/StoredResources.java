package io.postureaudit.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.CollectedResource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The stored current version of resources, read back in the collectors' shape, for analyses that need another
 * account's data while only one account's collection is in memory (a permission set's policies live in the accounts
 * it is provisioned to).
 */
@ApplicationScoped
public class StoredResources {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String SELECT = "select r.arn, r.type, r.account_id, r.region, r.name, v.data, r.observed "
            + "from resource r join resource_version v on v.id = r.current_version_id ";
    private final AgroalDataSource dataSource;

    public StoredResources(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Current resources of one type in the given accounts. */
    public List<CollectedResource> ofType(String type, Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return query(SELECT + "where r.type = ? and r.account_id = any (?)", type, accountIds.toArray(String[]::new));
    }

    /** Current resources of one type whose {@code data.<arrayField>} lists {@code value}, in any account. */
    public List<CollectedResource> listing(String type, String arrayField, String value) {
        return query(SELECT + "where r.type = ? and v.data -> ? @> jsonb_build_array(?::text)", type, arrayField, value);
    }

    /** Live (not deleted) current resources of one type whose {@code data.<field>} is {@code value}, in any account. */
    public List<CollectedResource> withValue(String type, String field, String value) {
        return query(SELECT + "where r.type = ? and r.deleted_at is null and v.data ->> ? = ?", type, field, value);
    }

    /** Live (not deleted) current resources of one type in the given accounts. */
    public List<CollectedResource> liveOfType(String type, Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return query(SELECT + "where r.type = ? and r.deleted_at is null and r.account_id = any (?)", type,
                accountIds.toArray(String[]::new));
    }

    private List<CollectedResource> query(String sql, Object... parameters) {
        String what = parameters[0] + " resources";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof String[] array) {
                    select.setArray(i + 1, connection.createArrayOf("varchar", array));
                } else {
                    select.setObject(i + 1, parameters[i]);
                }
            }
            List<CollectedResource> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String observed = rows.getString(7);
                    out.add(new CollectedResource(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), MAPPER.readValue(rows.getString(6), MAP),
                            observed == null ? Map.of() : MAPPER.readValue(observed, MAP)));
                }
            }
            return out;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading the stored " + what + " failed: " + e.getMessage(), e);
        }
    }
}
