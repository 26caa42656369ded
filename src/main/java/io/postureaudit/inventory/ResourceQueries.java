package io.postureaudit.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the inventory for the API: current versions, filtered and paged. */
@ApplicationScoped
public class ResourceQueries {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public ResourceQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Filter values are optional (null = any); deleted resources are left out unless asked for. */
    public record Filter(String type, String accountId, String region, boolean includeDeleted) {

        public Filter(String type, String accountId, String region) {
            this(type, accountId, region, false);
        }
    }

    /** One page and the total count. */
    public record Page(List<ResourceView> items, long total) {
    }

    public Page search(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(filter.includeDeleted() ? " where 1 = 1" : " where r.deleted_at is null");
        List<String> params = new ArrayList<>();
        if (filter.type() != null) {
            where.append(" and r.type = ?");
            params.add(filter.type());
        }
        if (filter.accountId() != null) {
            where.append(" and r.account_id = ?");
            params.add(filter.accountId());
        }
        if (filter.region() != null) {
            where.append(" and r.region = ?");
            params.add(filter.region());
        }
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("select count(*) from resource r" + where)) {
                bind(count, params);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<ResourceView> items = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "select r.arn, r.type, r.account_id, r.region, r.name, v.data, r.observed, r.first_seen, r.last_seen, "
                            + "(select count(*) from resource_version x where x.resource_id = r.id), r.deleted_at "
                            + "from resource r join resource_version v on v.id = r.current_version_id" + where
                            + " order by r.type, r.account_id, r.arn limit ? offset ?")) {
                bind(select, params);
                select.setInt(params.size() + 1, size);
                select.setLong(params.size() + 2, (long) page * size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new ResourceView(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), parse(rows.getString(6)), parse(rows.getString(7)),
                                rows.getTimestamp(8).toInstant(), rows.getTimestamp(9).toInstant(), rows.getInt(10),
                                rows.getTimestamp(11) == null ? null : rows.getTimestamp(11).toInstant()));
                    }
                }
            }
            return new Page(items, total);
        } catch (SQLException e) {
            throw new IllegalStateException("reading resources failed: " + e.getMessage(), e);
        }
    }

    /** The current version of every live resource, as collectors produced it: the latest snapshot. */
    public List<io.postureaudit.collect.CollectedResource> snapshot() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select r.arn, r.type, r.account_id, r.region, r.name, v.data, r.observed from resource r "
                                + "join resource_version v on v.id = r.current_version_id where r.deleted_at is null")) {
            List<io.postureaudit.collect.CollectedResource> resources = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    resources.add(new io.postureaudit.collect.CollectedResource(rows.getString(1), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), parse(rows.getString(6)),
                            parse(rows.getString(7))));
                }
            }
            return resources;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the latest snapshot failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setString(i + 1, params.get(i));
        }
    }

    private Map<String, Object> parse(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getMessage(), e);
        }
    }
}
