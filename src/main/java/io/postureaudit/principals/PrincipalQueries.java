package io.postureaudit.principals;

import com.fasterxml.jackson.core.type.TypeReference;
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

/** Reads the latest complete analysis of each account's principals, and a principal's score over time. */
@ApplicationScoped
public class PrincipalQueries {

    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private final AgroalDataSource dataSource;

    public PrincipalQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A principal as {@code GET /api/principals} shows it: the contract's fields, then details.
     *
     * @param leastPrivilegeScore null when the principal is not judged (see {@code errors} and {@code notJudged})
     * @param errors              policy documents that could not be read, each naming the element and why
     * @param notJudged           parts of the analysis that lacked a read or a readable document: {@code [{part, reason}]}
     */
    public record PrincipalEntry(String arn, String type, String accountId, Integer leastPrivilegeScore,
            List<Map<String, Object>> risks, String name, long scanId, Map<String, Object> suggestion,
            List<String> unresolved, List<String> errors, List<Map<String, Object>> notJudged) {
    }

    /** One point of a principal's score trend (score null when not judged in that scan). */
    public record ScorePoint(long scanId, String accountId, Integer score) {
    }

    /** @param accountId null for every account */
    public List<PrincipalEntry> latest(String accountId) {
        String sql = "with latest as (select account_id, max(scan_id) as scan_id from principal_analysis "
                + (accountId == null ? "" : "where account_id = ? ") + "group by account_id) "
                + "select p.arn, c.type, p.account_id, p.score, c.risks, c.name, p.scan_id, c.suggestion, c.unresolved, "
                + "c.errors, coalesce(c.facts -> 'notJudged', '[]'::jsonb) "
                + "from principal_analysis p join latest l on l.account_id = p.account_id and l.scan_id = p.scan_id "
                + "join principal_analysis_content c on c.content_hash = p.content_hash "
                + "order by p.score nulls first, p.account_id, p.arn";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (accountId != null) {
                select.setString(1, accountId);
            }
            List<PrincipalEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String suggestion = rows.getString(8);
                    entries.add(new PrincipalEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                            (Integer) rows.getObject(4), PrincipalJson.MAPPER.readValue(rows.getString(5), LIST),
                            rows.getString(6), rows.getLong(7),
                            suggestion == null ? null : PrincipalJson.MAPPER.readValue(suggestion, MAP),
                            PrincipalJson.MAPPER.readValue(rows.getString(9), STRINGS),
                            PrincipalJson.MAPPER.readValue(rows.getString(10), STRINGS),
                            PrincipalJson.MAPPER.readValue(rows.getString(11), LIST)));
                }
            }
            return entries;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("reading principal analyses failed: " + e.getMessage(), e);
        }
    }

    /** Scores of one principal across scans, oldest first. */
    public List<ScorePoint> trend(String arn) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select scan_id, account_id, score from principal_analysis where arn = ? order by scan_id")) {
            select.setString(1, arn);
            List<ScorePoint> points = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    points.add(new ScorePoint(rows.getLong(1), rows.getString(2), (Integer) rows.getObject(3)));
                }
            }
            return points;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the score trend of " + arn + " failed: " + e.getMessage(), e);
        }
    }
}
