package io.postureaudit.scan;

import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Gap;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
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

    /** Scans left running by a crash or restart can never finish: say so. */
    @Transactional
    public int failAbandoned() {
        return Scan.update("status = ?1, error = ?2, finishedAt = ?3 where status = ?4", Scan.FAILED,
                "interrupted: the service stopped while this scan was running", clock.instant(), Scan.RUNNING);
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
