package io.postureaudit.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads change records for the API and pages: filtered, newest first, paged by the indexed id. */
@ApplicationScoped
public class ChangeQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<FieldChange>> FIELDS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final AgroalDataSource dataSource;

    public ChangeQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Filter values are optional (null = any). */
    public record Filter(String accountId, String type, Instant since, Long scanId) {
    }

    /** One page and the total count. */
    public record Page(List<ChangeView> items, long total) {
    }

    public Page search(Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.accountId() != null) {
            where.append(" and account_id = ?");
            params.add(filter.accountId());
        }
        if (filter.type() != null) {
            where.append(" and resource_type = ?");
            params.add(filter.type());
        }
        if (filter.since() != null) {
            where.append(" and detected_at >= ?");
            params.add(Timestamp.from(filter.since()));
        }
        if (filter.scanId() != null) {
            where.append(" and scan_id = ?");
            params.add(filter.scanId());
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from resource_change" + where)) {
                bind(count, params);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<ChangeView> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id, scan_id, previous_scan_id, account_id, "
                    + "region, resource_type, resource_arn, name, change, cosmetic, fields, effect, actor, detected_at "
                    + "from resource_change" + where + " order by id desc limit ? offset ?")) {
                bind(select, params);
                select.setInt(params.size() + 1, size);
                select.setLong(params.size() + 2, (long) page * size);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new ChangeView(rows.getLong(1), rows.getLong(2), rows.getLong(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), rows.getString(9), rows.getBoolean(10),
                                read(rows.getString(11), FIELDS), read(rows.getString(12), MAP),
                                read(rows.getString(13), MAP), rows.getTimestamp(14).toInstant()));
                    }
                }
            }
            return new Page(items, total);
        } catch (SQLException e) {
            throw new IllegalStateException("reading changes failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored change JSON is unreadable: " + e.getMessage(), e);
        }
    }
}
