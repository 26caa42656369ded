package io.postureaudit.scan;

import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.support.Api;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

/**
 * Scans on the clustered job store: a live scan is one Quartz job per account and leaves no job behind, and the
 * watchdog ends what can no longer end by itself (an account whose job is gone, a finish that was never written,
 * an import whose process is gone) instead of leaving it "running" for ever.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ScanWatchdogTest {

    private static final String DEV = TestEnvironment.DEV;

    @Inject
    ScanStore store;

    @Inject
    ScanWatchdog watchdog;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.postureaudit.inventory.InventoryService inventory;

    @Test
    void shouldPlanOneJobPerAccountAndRemoveThemWhenTheScanEnds() throws SQLException {
        Estates.plantDev(TestEnvironment.iam(), DEV);
        Estates.plantProd(TestEnvironment.iam(), TestEnvironment.PROD);
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
        JsonPath scan = Api.scan();
        long id = scan.getLong("id");
        assertEquals(List.of(DEV, TestEnvironment.PROD), scan.getList("accounts.accountId"));
        assertEquals(2, count("select count(*) from scan_plan where scan_id = " + id));
        assertEquals(0, count("select count(*) from qrtz_job_details where job_group = 'scan-" + id + "'"),
                "a finished scan keeps no Quartz job");
        assertEquals(0, count("select count(*) from qrtz_triggers where job_group = 'scan-" + id + "'"));
    }

    @Test
    void shouldFailAnAccountWhoseJobIsGoneAndFinishTheScan() throws SchedulerException, SQLException {
        long id = plannedScan(List.of(target(DEV)));
        age(id);

        watchdog.check();

        JsonPath scan = viewer().get("/api/scans/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("failed", scan.getString("status"));
        assertEquals("failed", scan.getString("accounts[0].status"));
        assertEquals("the account's scan job ended without recording a result", scan.getString("gaps[0].error"));
        assertEquals(DEV, scan.getString("gaps[0].accountId"));
    }

    @Test
    void shouldFinishAScanWhoseAccountsAreRecordedWhenItsEndWasNotWritten() throws SchedulerException, SQLException {
        long id = plannedScan(List.of(target(DEV)));
        inventory.ensureAccount(DEV, "dev", false);
        recordSucceeded(id, DEV);
        age(id);
        assertEquals("running", store.status(id).orElseThrow());

        watchdog.check();

        assertEquals("succeeded", store.status(id).orElseThrow());
    }

    @Test
    void shouldLeaveAYoungScanAlone() throws SchedulerException {
        long id = plannedScan(List.of(target(DEV)));

        watchdog.check();

        assertEquals("running", store.status(id).orElseThrow(), "its jobs may still be on their way");
        store.abandon(id, "test cleanup");
    }

    @Test
    void shouldFailAnImportWhoseProcessIsGone() throws SchedulerException, SQLException {
        long id = store.create("import", false);
        store.runBy(id, "replica-that-died-1700000000000");
        age(id);

        watchdog.check();

        JsonPath scan = viewer().get("/api/scans/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("failed", scan.getString("status"));
        assertTrue(scan.getString("error").contains("replica-that-died"), scan.getString("error"));
    }

    private long plannedScan(List<AccountTarget> accounts) {
        long id = store.create("api", false);
        store.plan(id, accounts);
        return id;
    }

    @Transactional
    void recordSucceeded(long scanId, String accountId) {
        ScanAccount account = new ScanAccount();
        account.scanId = scanId;
        account.accountId = accountId;
        account.status = Scan.SUCCEEDED;
        account.persist();
    }

    private static AccountTarget target(String id) {
        return new AccountTarget(id, "dev", Optional.empty(), Optional.empty(), List.of("ap-northeast-1"));
    }

    /** Moves the scan's start past the watchdog's grace period. */
    private void age(long scanId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update scan set started_at = started_at - interval '5 minutes' where id = ?")) {
            update.setLong(1, scanId);
            update.executeUpdate();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
