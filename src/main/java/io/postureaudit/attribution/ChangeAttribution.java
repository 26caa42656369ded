package io.postureaudit.attribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.cloudtrail.Actor;
import io.postureaudit.collect.cloudtrail.AttributionRequest;
import io.postureaudit.collect.cloudtrail.CloudTrailAttributor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After a scan's change records of one account are written, asks CloudTrail who made each one (within the
 * window from the previous scan's start to now) and writes the answer into the record's {@code actor}. What
 * CloudTrail cannot tell stays null (unattributed); a region it cannot read is a gap of the scan.
 */
@ApplicationScoped
public class ChangeAttribution {

    private final AgroalDataSource dataSource;
    private final CloudTrailAttributor cloudTrail;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ChangeAttribution(AgroalDataSource dataSource, CloudTrailAttributor cloudTrail, Clock clock) {
        this.dataSource = dataSource;
        this.cloudTrail = cloudTrail;
        this.clock = clock;
    }

    /** @return the gaps of the lookups (none when every region's event history could be read) */
    public List<Gap> attribute(long scanId, AccountTarget account) {
        List<AttributionRequest> requests = new ArrayList<>();
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select c.id, c.region, c.resource_type, c.resource_arn, c.name, p.started_at "
                                + "from resource_change c left join scan p on p.id = c.previous_scan_id "
                                + "where c.scan_id = ? and c.account_id = ? and c.actor is null order by c.id")) {
            select.setLong(1, scanId);
            select.setString(2, account.id());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp from = rows.getTimestamp(6);
                    requests.add(new AttributionRequest(String.valueOf(rows.getLong(1)), rows.getString(2),
                            lookupName(rows.getString(3), rows.getString(4), rows.getString(5)),
                            from == null ? now.minusSeconds(90L * 24 * 3600) : from.toInstant(), now));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the changes of scan " + scanId + " for account " + account.id()
                    + " failed: " + e.getMessage(), e);
        }
        if (requests.isEmpty()) {
            return List.of();
        }
        CloudTrailAttributor.Result result = cloudTrail.attribute(account, scanId, requests);
        store(result.actors());
        return result.gaps();
    }

    /**
     * The name CloudTrail's {@code ResourceName} lookup finds a resource by: IAM names its users, roles, groups and
     * policies by name; KMS keys and Identity Center permission sets appear by ARN; a GuardDuty detector by id.
     */
    static String lookupName(String type, String arn, String name) {
        return switch (type) {
            case ResourceTypes.KMS_KEY, ResourceTypes.IDC_PERMISSION_SET -> arn;
            case ResourceTypes.IDC_ASSIGNMENT -> arn.contains("/assignment/")
                    ? arn.substring(0, arn.indexOf("/assignment/")) : arn;
            case ResourceTypes.IAM_ACCOUNT -> null;
            default -> name == null || name.isBlank() ? arn.substring(arn.lastIndexOf('/') + 1) : name;
        };
    }

    private void store(Map<String, Actor> actors) {
        if (actors.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update resource_change set actor = ?::jsonb where id = ?")) {
            for (Map.Entry<String, Actor> e : actors.entrySet()) {
                update.setString(1, json.writeValueAsString(e.getValue()));
                update.setLong(2, Long.parseLong(e.getKey()));
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("recording who made " + actors.size() + " changes failed: "
                    + e.getMessage(), e);
        }
    }
}
