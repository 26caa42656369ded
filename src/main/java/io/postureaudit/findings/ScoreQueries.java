package io.postureaudit.findings;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads of stored posture scores: the latest per account, pooled per environment, and trends. */
@ApplicationScoped
public class ScoreQueries {

    /** One account's score as of one scan. */
    public record AccountScore(long scanId, String accountId, String environment, BigDecimal score,
            long checkedWeight, long failingWeight, Map<String, Integer> open, Instant computedAt) {

        static AccountScore of(PostureScore s) {
            Map<String, Integer> open = new LinkedHashMap<>();
            open.put("critical", s.openCritical);
            open.put("high", s.openHigh);
            open.put("medium", s.openMedium);
            open.put("low", s.openLow);
            open.put("info", s.openInfo);
            return new AccountScore(s.scanId, s.accountId, s.environment, s.score, s.checkedWeight, s.failingWeight,
                    open, s.computedAt);
        }
    }

    /** An environment's pooled score over its accounts. */
    public record EnvironmentScore(String environment, BigDecimal score, long checkedWeight, long failingWeight,
            List<String> accounts) {
    }

    /** What {@code GET /api/scores} answers. */
    public record Current(String formula, List<AccountScore> accounts, List<EnvironmentScore> environments) {
    }

    /** One point of a trend: an account's row, or (environment only) the pooled score of one scan. */
    public record TrendPoint(long scanId, String accountId, String environment, BigDecimal score, Instant computedAt) {
    }

    /** The latest score of every account (optionally one account or one environment), and environment pools. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Current current(String accountId, String environment) {
        List<PostureScore> rows = PostureScore.list("id in (select max(p.id) from PostureScore p group by p.accountId)",
                Sort.ascending("accountId"));
        List<AccountScore> accounts = new ArrayList<>();
        Map<String, List<PostureScore>> byEnvironment = new TreeMap<>();
        for (PostureScore row : rows) {
            if ((accountId != null && !accountId.equals(row.accountId))
                    || (environment != null && !environment.equals(row.environment))) {
                continue;
            }
            accounts.add(AccountScore.of(row));
            byEnvironment.computeIfAbsent(row.environment, k -> new ArrayList<>()).add(row);
        }
        List<EnvironmentScore> environments = new ArrayList<>();
        byEnvironment.forEach((name, list) -> environments.add(pool(name, list)));
        return new Current(ScoreFormula.TEXT, accounts, environments);
    }

    /** Newest first; with only an environment, one pooled point per scan. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TrendPoint> history(String accountId, String environment, int limit) {
        if (accountId != null || environment == null) {
            List<PostureScore> rows = accountId == null
                    ? PostureScore.findAll(Sort.descending("computedAt", "id")).page(Page.ofSize(limit)).list()
                    : PostureScore.find("accountId", Sort.descending("computedAt", "id"), accountId)
                            .page(Page.ofSize(limit)).list();
            return rows.stream().map(r -> new TrendPoint(r.scanId, r.accountId, r.environment, r.score,
                    r.computedAt)).toList();
        }
        List<PostureScore> rows = PostureScore.list("environment", Sort.descending("scanId", "id"), environment);
        Map<Long, List<PostureScore>> byScan = new LinkedHashMap<>();
        rows.forEach(r -> byScan.computeIfAbsent(r.scanId, k -> new ArrayList<>()).add(r));
        List<TrendPoint> points = new ArrayList<>();
        for (Map.Entry<Long, List<PostureScore>> e : byScan.entrySet()) {
            if (points.size() == limit) {
                break;
            }
            EnvironmentScore pooled = pool(environment, e.getValue());
            Instant at = e.getValue().stream().map(r -> r.computedAt).max(Instant::compareTo).orElse(null);
            points.add(new TrendPoint(e.getKey(), null, environment, pooled.score(), at));
        }
        return points;
    }

    private static EnvironmentScore pool(String name, List<PostureScore> rows) {
        long checked = rows.stream().mapToLong(r -> r.checkedWeight).sum();
        long failing = rows.stream().mapToLong(r -> Math.min(r.failingWeight, r.checkedWeight)).sum();
        return new EnvironmentScore(name, ScoreFormula.score(checked, failing), checked, failing,
                rows.stream().map(r -> r.accountId).toList());
    }
}
