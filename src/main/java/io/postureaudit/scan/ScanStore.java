package io.postureaudit.scan;

import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Gap;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Scan rows: created running, one record per account, finished with an honest status. */
@ApplicationScoped
public class ScanStore {

    private final Clock clock;

    public ScanStore(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public long create(String trigger, boolean sample) {
        Scan scan = new Scan();
        scan.trigger = trigger;
        scan.status = Scan.RUNNING;
        scan.startedAt = clock.instant();
        scan.sample = sample;
        scan.persist();
        return scan.id;
    }

    /** Lists the accounts a live scan must hear from before it can finish. */
    @Transactional
    public void plan(long scanId, List<io.postureaudit.collect.AccountTarget> accounts) {
        for (io.postureaudit.collect.AccountTarget target : accounts) {
            ScanPlan plan = new ScanPlan();
            plan.scanId = scanId;
            plan.accountId = target.id();
            plan.name = target.name();
            plan.persist();
        }
    }

    /** Marks a scan as run by this process's Quartz instance (in-memory data cannot move to another node). */
    @Transactional
    public void runBy(long scanId, String instanceId) {
        Scan scan = Scan.findById(scanId);
        scan.runner = instanceId;
    }

    /**
     * Holds a transaction-scoped PostgreSQL advisory lock on the account until the caller's transaction ends, so that
     * two scans writing the same account (on this node or another) take turns.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAccount(String accountId) {
        Scan.getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, "posture-account:" + accountId).getSingleResult();
    }

    /** Whether an account's result is already recorded (a recovered job must not process it twice). */
    @Transactional
    public boolean recorded(long scanId, String accountId) {
        return ScanAccount.count("scanId = ?1 and accountId = ?2", scanId, accountId) > 0;
    }

    /**
     * Finishes a live scan once every planned account has a result. The scan row is locked first, so that two nodes
     * recording the last two accounts at once cannot both miss (or both write) the end of the scan.
     *
     * @return the final status, or empty while the scan is still waiting for accounts or was already finished
     */
    @Transactional
    public Optional<String> finishIfComplete(long scanId) {
        Scan scan = Scan.findById(scanId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (scan == null || !Scan.RUNNING.equals(scan.status)) {
            return Optional.empty();
        }
        long planned = ScanPlan.count("scanId", scanId);
        long recorded = ScanAccount.count("scanId", scanId);
        if (recorded < planned) {
            return Optional.empty();
        }
        return Optional.of(finish(scanId, null));
    }

    /** Records an account whose data could not be stored, with the reason as a gap, so the scan can end honestly. */
    @Transactional
    public void recordFailedAccount(long scanId, String accountId, String name, String error) {
        lockAccount(accountId);
        if (recorded(scanId, accountId)) {
            return;
        }
        // scan_account references account; an account never stored before still gets its failed result.
        Scan.getEntityManager().createNativeQuery("insert into account (id, name, sample, created_at) "
                + "values (?1, ?2, false, ?3) on conflict (id) do nothing").setParameter(1, accountId)
                .setParameter(2, name == null ? accountId : name).setParameter(3, clock.instant()).executeUpdate();
        recordGaps(scanId, List.of(new Gap(accountId, io.postureaudit.collect.ResourceTypes.GLOBAL_REGION, "scan",
                "store", error)));
        ScanAccount account = new ScanAccount();
        account.scanId = scanId;
        account.accountId = accountId;
        account.status = Scan.FAILED;
        account.persist();
    }

    @Transactional
    public Optional<String> status(long scanId) {
        return Optional.ofNullable(Scan.<Scan>findById(scanId)).map(s -> s.status);
    }

    /** Running scans, oldest first, for the watchdog. */
    @Transactional
    public List<Scan> running() {
        return Scan.list("status", Sort.ascending("id"), Scan.RUNNING);
    }

    /** Planned accounts of a scan without a result yet. */
    @Transactional
    public List<ScanPlan> unrecorded(long scanId) {
        return ScanPlan.list("scanId = ?1 and accountId not in (select a.accountId from ScanAccount a "
                + "where a.scanId = ?1)", scanId);
    }

    /** Records coverage, gaps (collection and rule evaluation) and the account's own status. */
    @Transactional
    public void recordAccount(long scanId, Collected collected, List<Gap> extraGaps) {
        String accountId = collected.account().id();
        Map<String, Integer> counts = new HashMap<>();
        for (CollectedResource r : collected.resources()) {
            counts.merge(Collected.scope(r.region(), r.service()), 1, Integer::sum);
        }
        Set<String> complete = collected.completeScopes();
        for (String scope : collected.attempted()) {
            String[] parts = scope.split("\\|", 2);
            ScanCoverage coverage = new ScanCoverage();
            coverage.scanId = scanId;
            coverage.accountId = accountId;
            coverage.region = parts[0];
            coverage.service = parts[1];
            coverage.complete = complete.contains(scope);
            coverage.resources = counts.getOrDefault(scope, 0);
            coverage.persist();
        }
        List<Gap> gaps = new java.util.ArrayList<>(collected.gaps());
        gaps.addAll(extraGaps);
        recordGaps(scanId, gaps);
        ScanAccount account = new ScanAccount();
        account.scanId = scanId;
        account.accountId = accountId;
        account.resources = collected.resources().size();
        account.foreignAccounts = io.postureaudit.inventory.ForeignAccounts.count(accountId, collected.resources());
        account.status = collected.failure() != null ? Scan.FAILED : gaps.isEmpty() ? Scan.SUCCEEDED : Scan.PARTIAL;
        account.persist();
    }

    /** Gaps that belong to the scan rather than one account's collection (e.g. organization discovery). */
    @Transactional
    public void recordGaps(long scanId, List<Gap> gaps) {
        for (Gap gap : gaps) {
            ScanGap row = new ScanGap();
            row.scanId = scanId;
            row.accountId = gap.accountId();
            row.region = gap.region();
            row.service = gap.service();
            row.operation = gap.operation();
            row.error = gap.error();
            row.resourceArn = gap.resourceArn();
            row.persist();
        }
    }

    /** Sets the final status from what the accounts recorded. */
    @Transactional
    public String finish(long scanId, String error) {
        Scan scan = Scan.findById(scanId);
        List<ScanAccount> accounts = ScanAccount.list("scanId", scanId);
        long failed = accounts.stream().filter(a -> Scan.FAILED.equals(a.status)).count();
        long gaps = ScanGap.count("scanId", scanId);
        if (error != null || (!accounts.isEmpty() && failed == accounts.size())) {
            scan.status = Scan.FAILED;
        } else if (failed > 0 || gaps > 0) {
            scan.status = Scan.PARTIAL;
        } else {
            scan.status = Scan.SUCCEEDED;
        }
        scan.error = error;
        scan.finishedAt = clock.instant();
        return scan.status;
    }

    /** Ends a running scan that can no longer finish by itself (its process died), saying why. */
    @Transactional
    public boolean abandon(long scanId, String reason) {
        Scan scan = Scan.findById(scanId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (scan == null || !Scan.RUNNING.equals(scan.status)) {
            return false;
        }
        scan.status = Scan.FAILED;
        scan.error = reason;
        scan.finishedAt = clock.instant();
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ScanView> view(long id) {
        Scan scan = Scan.findById(id);
        return Optional.ofNullable(scan).map(this::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ScanView> latest(int limit) {
        return Scan.<Scan>findAll(Sort.descending("id")).page(Page.ofSize(limit)).list().stream().map(this::view).toList();
    }

    /** The latest scan as a page's headline shows it: no accounts, gaps or coverage rows read, only how many gaps. */
    public record Headline(long id, String status, boolean sample, Instant finishedAt, int gaps) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Headline> latestHeadline() {
        Scan scan = Scan.<Scan>findAll(Sort.descending("id")).firstResult();
        if (scan == null) {
            return Optional.empty();
        }
        return Optional.of(new Headline(scan.id, scan.status, scan.sample, scan.finishedAt,
                (int) ScanGap.count("scanId", scan.id)));
    }

    private ScanView view(Scan scan) {
        Map<String, String> names = new HashMap<>();
        io.postureaudit.inventory.AccountNames.load(names);
        List<ScanView.AccountView> accounts = ScanAccount.<ScanAccount>list("scanId", Sort.ascending("accountId"), scan.id)
                .stream().map(a -> new ScanView.AccountView(a.accountId, names.getOrDefault(a.accountId, a.accountId),
                        a.status, a.resources, a.foreignAccounts == null ? Map.of() : a.foreignAccounts)).toList();
        List<ScanView.GapView> gaps = ScanGap.<ScanGap>list("scanId", Sort.ascending("id"), scan.id).stream()
                .map(g -> new ScanView.GapView(g.accountId, g.region, g.service, g.operation, g.error, g.resourceArn))
                .toList();
        List<ScanView.CoverageView> coverage = ScanCoverage.<ScanCoverage>list("scanId",
                Sort.ascending("accountId", "region", "service"), scan.id).stream()
                .map(c -> new ScanView.CoverageView(c.accountId, c.region, c.service, c.complete, c.resources)).toList();
        return new ScanView(scan.id, scan.status, scan.trigger, scan.sample, scan.startedAt, scan.finishedAt, scan.error,
                accounts, gaps, coverage);
    }
}
