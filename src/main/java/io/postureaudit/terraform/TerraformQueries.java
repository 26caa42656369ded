package io.postureaudit.terraform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the current Terraform picture for {@code GET /api/terraform}. Coverage per account and service counts
 * the live resources people own: managed + changed out of managed + changed + unmanaged (AWS-managed resources
 * and missing ones, which are not live, are left out); percent is null when there is nothing to count.
 */
@ApplicationScoped
public class TerraformQueries {

    private static final TypeReference<List<Map<String, Object>>> FIELDS = new TypeReference<>() {
    };
    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public TerraformQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One classified resource. */
    public record ItemView(String accountId, String resourceType, String resourceArn, String address, String status,
            List<Map<String, Object>> fields) {
    }

    /** Share of one account's resources of one service that Terraform creates. */
    public record CoverageView(String accountId, String service, long managed, long total, Double percent) {
    }

    /** A state that could not be used in the scan that produced the picture. */
    public record GapView(String accountId, String region, String service, String operation, String error) {
    }

    /** The answer of {@code GET /api/terraform}. */
    public record TerraformView(List<ItemView> items, List<CoverageView> coverage, List<GapView> gaps) {
    }

    /** @param accountId null for every account */
    public TerraformView current(String accountId) {
        String where = accountId == null ? "" : " where account_id = ?";
        List<ItemView> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "select account_id, resource_type, resource_arn, address, status, fields from terraform_status"
                            + where + " order by account_id, resource_type, resource_arn")) {
                if (accountId != null) {
                    select.setString(1, accountId);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(new ItemView(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), json.readValue(rows.getString(6), FIELDS)));
                    }
                }
            }
            return new TerraformView(items, coverage(items), gaps(connection, where, accountId));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading the Terraform classification failed: " + e.getMessage(), e);
        }
    }

    private static List<CoverageView> coverage(List<ItemView> items) {
        Map<String, long[]> counts = new TreeMap<>();
        for (ItemView item : items) {
            if (!TerraformItem.countsForCoverage(item.status())) {
                continue;
            }
            String service = io.postureaudit.collect.ResourceTypes.service(item.resourceType());
            long[] c = counts.computeIfAbsent(item.accountId() + "|" + service, k -> new long[2]);
            c[1]++;
            if (TerraformItem.covered(item.status())) {
                c[0]++;
            }
        }
        List<CoverageView> out = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("\\|", 2);
            Double percent = c[1] == 0 ? null : Math.floor(1000.0 * c[0] / c[1]) / 10.0;
            out.add(new CoverageView(parts[0], parts[1], c[0], c[1], percent));
        });
        return out;
    }

    private static List<GapView> gaps(Connection connection, String where, String accountId) throws SQLException {
        List<GapView> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select g.account_id, g.region, g.service, g.operation, g.error from scan_gap g "
                        + "join (select account_id, max(scan_id) scan_id from terraform_status" + where
                        + " group by account_id) t on t.account_id = g.account_id and t.scan_id = g.scan_id "
                        + "where g.service = ? order by g.account_id, g.id")) {
            int i = 1;
            if (accountId != null) {
                select.setString(i++, accountId);
            }
            select.setString(i, TerraformService.SERVICE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new GapView(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5)));
                }
            }
        }
        return out;
    }
}
