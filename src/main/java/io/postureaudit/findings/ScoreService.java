package io.postureaudit.findings;

import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.rules.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Computes and stores an account's posture score after each scan's reconcile (see {@link ScoreFormula}). */
@ApplicationScoped
public class ScoreService {

    private final RuleCatalog catalog;
    private final Clock clock;

    public ScoreService(RuleCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * @param environment the account's label (its configured name)
     * @param checks      (rule, resource) checks the scan ran, by the severity they were graded with
     */
    @Transactional
    public PostureScore record(long scanId, String accountId, String environment, Map<Severity, Long> checks) {
        Map<Severity, Integer> open = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            open.put(s, 0);
        }
        List<Finding> findings = Finding.list("accountId = ?1 and status = ?2", accountId, Finding.OPEN);
        for (Finding f : findings) {
            // Findings of a rule switched off for this account are left as they were, but no longer count.
            if (catalog.settings().enabled(f.ruleId, accountId)) {
                open.merge(Severity.parse(f.severity), 1, Integer::sum);
            }
        }
        PostureScore row = PostureScore.find("scanId = ?1 and accountId = ?2", scanId, accountId).firstResult();
        if (row == null) {
            row = new PostureScore();
            row.scanId = scanId;
            row.accountId = accountId;
        }
        row.environment = environment;
        row.checkedWeight = ScoreFormula.weight(checks);
        row.failingWeight = ScoreFormula.weight(open);
        row.score = ScoreFormula.score(row.checkedWeight, row.failingWeight);
        row.openCritical = open.get(Severity.CRITICAL);
        row.openHigh = open.get(Severity.HIGH);
        row.openMedium = open.get(Severity.MEDIUM);
        row.openLow = open.get(Severity.LOW);
        row.openInfo = open.get(Severity.INFO);
        row.computedAt = clock.instant();
        row.persist();
        return row;
    }
}
