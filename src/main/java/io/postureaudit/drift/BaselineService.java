package io.postureaudit.drift;

import io.postureaudit.findings.FindingService;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleCatalog;
import java.util.Set;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Accepting an account's current state as its baseline: the drift so far is accepted, the score starts again. */
@ApplicationScoped
public class BaselineService {

    private final DriftScores scores;
    private final FindingService findings;
    private final RuleCatalog catalog;

    public BaselineService(DriftScores scores, FindingService findings, RuleCatalog catalog) {
        this.scores = scores;
        this.findings = findings;
        this.catalog = catalog;
    }

    /** The account and the scan whose state became the baseline. */
    public record Baseline(String accountId, long scanId) {
    }

    /**
     * @throws UnknownAccountException   when the account is unknown
     * @throws NothingToAcceptException  when no scan has read the account yet
     */
    @Transactional
    public Baseline accept(String accountId, String actor) {
        if (scores.current(accountId).isEmpty()) {
            throw new UnknownAccountException(accountId);
        }
        Long scanId = scores.latestScan(accountId);
        if (scanId == null) {
            throw new NothingToAcceptException(accountId);
        }
        scores.accept(accountId, scanId, actor);
        // Findings of change rules stand for changes now accepted; standing drift (e.g. not in Terraform) stays open.
        Set<String> changeRules = catalog.rules().stream().filter(r -> r.definition().judgesChanges())
                .map(CompiledRule::id).collect(Collectors.toSet());
        findings.resolveAccepted(accountId, changeRules, actor, "accepted in the baseline of scan " + scanId);
        scores.record(scanId, accountId);
        return new Baseline(accountId, scanId);
    }
}
