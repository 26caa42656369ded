package io.postureaudit.scan;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.Gap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Creates a live scan in one transaction with everything that makes it run: the scan row, the accounts it must hear
 * from, and one Quartz job per account (the jdbc-cmt job store joins the transaction). Either the whole plan is
 * stored, or nothing is, so no scan waits for an account whose job was never stored.
 */
@ApplicationScoped
public class ScanPlanner {

    private final ScanStore store;
    private final AccountJobs jobs;

    public ScanPlanner(ScanStore store, AccountJobs jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    /** @return the scan id; a scan with nothing to scan is stored already finished as failed, with the reason */
    @Transactional
    public long plan(String trigger, List<AccountTarget> accounts, List<Gap> gaps, String error) {
        long id = store.create(trigger, false);
        store.recordGaps(id, gaps);
        if (error != null || accounts.isEmpty()) {
            store.finish(id, error != null ? error
                    : "no accounts configured: set posture.accounts[0].id (see README)");
            return id;
        }
        store.plan(id, accounts);
        accounts.forEach(account -> jobs.schedule(id, account));
        return id;
    }
}
