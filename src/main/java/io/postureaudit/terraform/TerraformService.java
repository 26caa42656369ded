package io.postureaudit.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.terraform.StateRead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies an account against the scan's Terraform states, keeps the result as the account's current picture,
 * and hands the rules their {@code terraform} facts. Without configured states it does nothing at all, so a team
 * that does not use Terraform is never told its estate is unmanaged.
 */
@ApplicationScoped
public class TerraformService {

    public static final String SERVICE = "terraform";
    public static final String OPERATION = "ReadState";
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public TerraformService(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * What Terraform says about one account in one scan.
     *
     * @param facts  the rules' {@code terraform} variable by resource ARN (empty without configured states)
     * @param gaps   one per state that could not be used, recorded against this account
     */
    public record Assessment(List<TerraformItem> items, Map<String, Map<String, Object>> facts, List<Gap> gaps,
            boolean complete) {

        public static Assessment none() {
            return new Assessment(List.of(), Map.of(), List.of(), true);
        }
    }

    @Transactional
    public Assessment assess(long scanId, Collected collected, StateRead states) {
        if (collected.failure() != null) {
            return Assessment.none();
        }
        if (!states.configured()) {
            store(scanId, collected.account().id(), List.of()); // a picture from states no longer configured is stale
            return Assessment.none();
        }
        String accountId = collected.account().id();
        List<Gap> gaps = new ArrayList<>();
        for (StateRead.Problem problem : states.problems()) {
            gaps.add(new Gap(accountId, ResourceTypes.GLOBAL_REGION, SERVICE, OPERATION,
                    problem.location() + ": " + problem.reason()));
        }
        List<TerraformItem> items = TerraformClassifier.classify(accountId, collected.resources(),
                collected.completeScopes(), states);
        store(scanId, accountId, items);
        recordCoverage(scanId, accountId, items, states.complete());
        Map<String, Map<String, Object>> facts = new LinkedHashMap<>();
        for (TerraformItem item : items) {
            facts.put(item.resourceArn(), facts(item, states.complete()));
        }
        return new Assessment(items, facts, gaps, states.complete());
    }

    /** The {@code terraform} variable rules see for one resource. */
    public static Map<String, Object> facts(TerraformItem item, boolean statesComplete) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", item.status());
        out.put("address", item.address());
        List<Object> fields = new ArrayList<>();
        for (FieldDiff f : item.fields()) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("path", f.path());
            field.put("address", f.address());
            field.put("state", f.state());
            field.put("live", f.live());
            field.put("security", f.security());
            fields.add(field);
        }
        out.put("fields", fields);
        out.put("statesComplete", statesComplete);
        return out;
    }

    /** One point of the account's IaC coverage history (the report's trend reads it). */
    private void recordCoverage(long scanId, String accountId, List<TerraformItem> items, boolean statesComplete) {
        long counted = items.stream().filter(i -> TerraformItem.countsForCoverage(i.status())).count();
        long covered = items.stream().filter(i -> TerraformItem.covered(i.status())).count();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into terraform_coverage (scan_id, "
                        + "account_id, covered, counted, states_complete, computed_at) values (?, ?, ?, ?, ?, ?) "
                        + "on conflict (scan_id, account_id) do update set covered = excluded.covered, "
                        + "counted = excluded.counted, states_complete = excluded.states_complete, "
                        + "computed_at = excluded.computed_at")) {
            insert.setLong(1, scanId);
            insert.setString(2, accountId);
            insert.setLong(3, covered);
            insert.setLong(4, counted);
            insert.setBoolean(5, statesComplete);
            insert.setTimestamp(6, Timestamp.from(clock.instant()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing the IaC coverage of account " + accountId + " for scan "
                    + scanId + " failed: " + e.getMessage(), e);
        }
    }

    private void store(long scanId, String accountId, List<TerraformItem> items) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from terraform_status where account_id = ?")) {
                delete.setString(1, accountId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into terraform_status (scan_id, account_id, resource_type, resource_arn, address, status, "
                            + "fields) values (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                for (TerraformItem item : items) {
                    insert.setLong(1, scanId);
                    insert.setString(2, accountId);
                    insert.setString(3, item.resourceType());
                    insert.setString(4, item.resourceArn());
                    insert.setString(5, item.address());
                    insert.setString(6, item.status());
                    insert.setString(7, json.writeValueAsString(item.fields()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("storing the Terraform classification of account " + accountId
                    + " for scan " + scanId + " failed: " + e.getMessage(), e);
        }
    }
}
