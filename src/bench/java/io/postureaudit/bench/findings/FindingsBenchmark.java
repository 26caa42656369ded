package io.postureaudit.bench.findings;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The findings list at scale (issue 12): bulk-loads N findings (default 1,000,000: 30 accounts, 68 rules of the
 * built-in catalogue, 80 % resolved, 15 % open, 5 % suppressed) with one {@code generate_series} insert, prints the query
 * plans of the list's SQL with {@code EXPLAIN ANALYZE}, then drives {@code /api/findings}, {@code /api/findings/counts}
 * and the {@code /findings} page at a fixed rate ({@link OpenLoad}) and prints p50/p95/p99 per scenario.
 * Not part of the test suite: the name matches no surefire include, and it is compiled only with {@code -Pbench}.
 *
 * <pre>mvn -B -o -Pbench test -Dtest=FindingsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.findings.rows=1000000 -Dbench.findings.rules=68 -Dbench.findings.rate=50 -Dbench.findings.seconds=10</pre>
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class FindingsBenchmark {

    static final int ACCOUNTS = 30;
    static final String NARROW_TEXT = "res-4711";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleCatalog catalog;

    @TestHTTPResource("/")
    URL base;

    @Test
    void measureTheFindingsList() throws Exception {
        int rows = Integer.getInteger("bench.findings.rows", 1_000_000);
        int rate = Integer.getInteger("bench.findings.rate", 50);
        int seconds = Integer.getInteger("bench.findings.seconds", 10);
        long loadStart = System.nanoTime();
        long open = plant(rows);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        String account = account(7);
        System.out.printf(Locale.ROOT, "%n== Findings list benchmark ==%n%,d findings (%,d open) over %d accounts and "
                + "%d rules, loaded and analysed in %.1f s%n", rows, open, ACCOUNTS, rules().size(),
                loadSeconds);
        explain();

        OpenLoad load = new OpenLoad(URI.create(base.toString()), "viewer", "viewer-pass");
        load.database(postmaster());
        List<OpenLoad.Scenario> scenarios = new ArrayList<>();
        scenarios.add(new OpenLoad.Scenario("api default (no filter)", "/api/findings?size=50"));
        scenarios.add(new OpenLoad.Scenario("api status=open", "/api/findings?status=open&size=50"));
        scenarios.add(new OpenLoad.Scenario("api severity=high", "/api/findings?status=open&severity=high&size=50"));
        scenarios.add(new OpenLoad.Scenario("api account", "/api/findings?status=open&account=" + account
                + "&size=50"));
        scenarios.add(new OpenLoad.Scenario("api text search", "/api/findings?status=open&q=" + NARROW_TEXT
                + "&size=50"));
        scenarios.add(new OpenLoad.Scenario("api deep page=200", "/api/findings?status=open&page=200&size=50"));
        String cursor = cursorAfterPage199(load, "/api/findings?status=open&size=50");
        scenarios.add(new OpenLoad.Scenario("api deep page=200 after", "/api/findings?status=open&size=50&after="
                + cursor));
        scenarios.add(new OpenLoad.Scenario("api counts status=open", "/api/findings/counts?status=open"));
        scenarios.add(new OpenLoad.Scenario("page /findings", "/findings"));
        scenarios.add(new OpenLoad.Scenario("page severity=high", "/findings?severity=high"));
        scenarios.add(new OpenLoad.Scenario("page account", "/findings?account=" + account));
        scenarios.add(new OpenLoad.Scenario("page text search", "/findings?q=" + NARROW_TEXT));
        scenarios.add(new OpenLoad.Scenario("page deep page=200", "/findings?page=200"));
        scenarios.add(new OpenLoad.Scenario("page deep page=200 after", "/findings?page=200&after=" + cursor));
        for (String extra : System.getProperty("bench.findings.extra", "").split(",")) {
            if (!extra.isBlank()) {
                scenarios.add(new OpenLoad.Scenario("extra " + extra.strip(), extra.strip()));
            }
        }
        String only = System.getProperty("bench.findings.only", "");
        // Every scenario's request first, sequentially (-Dbench.findings.prewarm, default 200 each): a service in
        // steady state runs JIT-compiled code; without this the first scenarios measured the compiler's work (their
        // "alone" medians fell from 27 to 6 ms over the first four scenarios in the quiet run of 2026-12-01).
        int prewarm = Integer.getInteger("bench.findings.prewarm", 200);
        long warmStart = System.nanoTime();
        for (int i = 0; i < prewarm; i++) {
            for (OpenLoad.Scenario s : scenarios) {
                if (only.isBlank() || s.name().contains(only)) {
                    load.get(s.path());
                }
            }
        }
        if (prewarm > 0) {
            System.out.printf(Locale.ROOT, "Warm-up: every scenario %d times in %.1f s%n", prewarm,
                    (System.nanoTime() - warmStart) / 1e9);
        }
        System.out.printf(Locale.ROOT, "%nOpen-loop load: %d requests/s for %d s per scenario, at most %d in flight "
                + "(requests over that are counted as shed); latency from each request's scheduled start%n", rate,
                seconds, OpenLoad.MAX_IN_FLIGHT);
        System.out.printf(Locale.ROOT, "Per request, over %d sequential requests: CPU of this JVM (service and client, "
                + "with JIT and GC), CPU of its Java threads alone, bytes its threads allocated, CPU of the PostgreSQL "
                + "server (10 ms ticks)%n", OpenLoad.cpuRequests());
        System.out.printf(Locale.ROOT, "%-26s %9s %8s %8s %8s %8s %6s %6s %9s %9s %10s %8s%n", "scenario", "alone p50",
                "p50", "p95", "p99", "max", "shed", "errors", "cpu/req", "thr/req", "alloc/req", "db/req");
        // -Dbench.findings.rounds=2: every scenario again, once the JIT has seen them all (steadier CPU figures).
        int rounds = Integer.getInteger("bench.findings.rounds", 1);
        List<OpenLoad.Scenario> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            runs.addAll(scenarios);
        }
        for (OpenLoad.Scenario s : runs) {
            if (!only.isBlank() && !s.name().contains(only)) {
                continue;
            }
            OpenLoad.Figures f = load.run(s, rate, seconds);
            System.out.printf(Locale.ROOT, "%-26s %7.1fms %6.1fms %6.1fms %6.1fms %6.1fms %6d %6d %7.2fms %7.2fms "
                    + "%8.0fKB %6.2fms%s%n", s.name(), f.alone(), f.p50(), f.p95(), f.p99(), f.max(), f.shed(),
                    f.errors(), f.cpuMs(), f.threadCpuMs(), f.allocKb(), f.dbCpuMs(), f.p95() < 100 || seconds == 0
                    ? "" : "   (p95 target 100 ms not met)");
        }
        System.out.println();
    }

    /** The PostgreSQL server's process id: the parent of this connection's backend (Linux /proc), or 0. */
    private long postmaster() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long backend = count(s, "select pg_backend_pid()");
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(backend), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** The 68 rules: the first of the built-in catalogue by id. */
    private List<CompiledRule> rules() {
        int rules = Integer.getInteger("bench.findings.rules", 68);
        return catalog.rules().stream().sorted(java.util.Comparator.comparing(r -> r.definition().id()))
                .limit(rules).toList();
    }

    static String account(int n) {
        return String.format("3000000000%02d", n);
    }

    /** Loads the findings once per database: re-runs against an external database reuse them. */
    private long plant(int rows) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (count(s, "select count(*) from finding") != rows) {
                s.executeUpdate("delete from finding");
                s.executeUpdate("create temp table bench_rule (n int primary key, id text, title text, severity "
                        + "text, resource_type text)");
                try (PreparedStatement insert = c.prepareStatement("insert into bench_rule values (?, ?, ?, ?, ?)")) {
                    int n = 0;
                    for (CompiledRule rule : rules()) {
                        insert.setInt(1, n++);
                        insert.setString(2, rule.definition().id());
                        insert.setString(3, rule.definition().title());
                        insert.setString(4, rule.definition().severity().id());
                        insert.setString(5, rule.definition().resourceTypes().get(0));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                int rules = rules().size();
                // As a bulk import would: the row triggers and the trigram indexes off during the load, the
                // indexes built and the tally summed once afterwards (timed: what V22_1 costs on such a table).
                List<String> indexes = new ArrayList<>();
                try (ResultSet r = s.executeQuery("select indexname, indexdef from pg_indexes where tablename = "
                        + "'finding' and indexdef like '%gin_trgm_ops%'")) {
                    while (r.next()) {
                        indexes.add(r.getString(2));
                    }
                }
                for (String def : indexes) {
                    s.execute("drop index " + def.replaceFirst("(?s)^CREATE INDEX (\\S+) .*$", "$1"));
                }
                boolean tally = count(s, "select count(*) from pg_tables where tablename = 'finding_tally'") > 0;
                if (tally) {
                    s.execute("alter table finding disable trigger user");
                }
                s.executeUpdate("insert into account (id, name) select '3000000000' || lpad(a::text, 2, '0'), "
                        + "'bench-' || a from generate_series(0, " + (ACCOUNTS - 1) + ") a on conflict do nothing");
                // hashint4 spreads status and account independently of the rule (g % rules).
                s.executeUpdate("insert into finding (fingerprint, rule_id, title, severity, status, account_id, "
                        + "region, resource_type, resource_arn, message, first_seen, last_seen, last_scan_id, "
                        + "resolved_at, suppressed_by, suppressed_at, suppress_reason, triage_state) "
                        + "select 'b' || substr(encode(sha256(g::text::bytea), 'hex'), 2), r.id, r.title, r.severity, "
                        + "  case when h < 15 then 'open' when h < 20 then 'suppressed' else 'resolved' end, a, "
                        + "  case when r.resource_type like 'iam.%' then 'global' else (array['ap-northeast-1', "
                        + "    'us-east-1', 'eu-west-1'])[1 + g % 3] end, r.resource_type, arn, "
                        + "  r.title || ': ' || arn || '.', first_seen, "
                        + "  case when h < 20 then timestamptz '2026-11-30' else first_seen + interval '20 days' end, "
                        + "  1, case when h >= 20 then first_seen + interval '20 days' end, "
                        + "  case when h between 15 and 19 then 'admin' end, "
                        + "  case when h between 15 and 19 then first_seen end, "
                        + "  case when h between 15 and 19 then 'accepted for the benchmark' end, "
                        + "  case when h between 15 and 19 then 'risk-accepted' when h = 14 then 'under-review' "
                        + "    else 'new' end "
                        + "from (select g, abs(hashint4(g)) % 100 as h, "
                        + "        '3000000000' || lpad((abs(hashint4(g + 7919)) % " + ACCOUNTS + ")::text, 2, '0') as a, "
                        + "        timestamptz '2026-06-01' + (g % 180) * interval '1 day' as first_seen "
                        + "      from generate_series(1, " + rows + ") g) x "
                        + "join bench_rule r on r.n = x.g % " + rules + " "
                        + "cross join lateral (select 'arn:aws:' || split_part(r.resource_type, '.', 1) || '::' || x.a "
                        + "  || ':' || split_part(r.resource_type, '.', 2) || '/res-' || (x.g / " + rules + ") as arn) n");
                long built = System.nanoTime();
                for (String def : indexes) {
                    s.execute(def);
                }
                if (tally) {
                    s.execute("alter table finding enable trigger user");
                    s.executeUpdate("delete from finding_tally");
                    s.executeUpdate("insert into finding_tally (account_id, status, severity, triage_state, rule_id, "
                            + "resource_type, n) select account_id, status, severity, triage_state, rule_id, "
                            + "resource_type, count(*) from finding group by 1, 2, 3, 4, 5, 6");
                }
                System.out.printf(Locale.ROOT, "%d trigram indexes built and the tally summed in %.1f s%n",
                        indexes.size(), (System.nanoTime() - built) / 1e9);
            }
            s.execute("vacuum analyze finding");
            return count(s, "select count(*) from finding where status = 'open'");
        }
    }

    /** The list's statements as FindingQueries sends them (HQL rendered to SQL by hand), with their plans. */
    private void explain() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("bench.findings.explain", "true"))) {
            return;
        }
        String select = "select f.* from finding f where ";
        String order = " order by f.severity_rank, f.last_seen desc, f.id desc";
        String text = "(lower(f.title) like '%" + NARROW_TEXT + "%' or lower(f.message) like '%" + NARROW_TEXT
                + "%' or lower(f.resource_arn) like '%" + NARROW_TEXT + "%')";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String rank = "1", lastSeen = "now()", id = "0";
            try (ResultSet r = s.executeQuery("select severity_rank, last_seen, id from finding f where "
                    + "f.status = 'open'" + order + " offset 9999 limit 1")) {
                if (r.next()) {
                    rank = r.getString(1);
                    lastSeen = "timestamptz '" + r.getObject(2, java.time.OffsetDateTime.class) + "'";
                    id = r.getString(3);
                }
            }
            String[][] statements = {
                {"default list, no filter", select + "1 = 1" + order + " limit 50"},
                {"total, no filter (tally)", "select coalesce(sum(n), 0) from finding_tally where 1 = 1"},
                {"status=open", select + "1 = 1 and f.status = 'open'" + order + " limit 50"},
                {"total status=open (tally)", "select coalesce(sum(n), 0) from finding_tally where 1 = 1 and "
                        + "status = 'open'"},
                {"severity=high (as its rank)", select + "1 = 1 and f.status = 'open' and f.severity_rank = 1" + order
                        + " limit 50"},
                {"account", select + "1 = 1 and f.status = 'open' and f.account_id = '" + account(7) + "'" + order
                        + " limit 50"},
                {"text search", select + "1 = 1 and f.status = 'open' and " + text + order + " limit 50"},
                {"total text search", "select count(*) from finding f where 1 = 1 and f.status = 'open' and "
                        + text},
                {"deep page 200 by OFFSET", select + "1 = 1 and f.status = 'open'" + order
                        + " offset 10000 limit 50"},
                {"deep page 200 by cursor, 1st statement", select + "1 = 1 and f.status = 'open' and (f.severity_rank = "
                        + rank + " and (f.last_seen, f.id) < (" + lastSeen + ", " + id + "))" + order + " limit 50"},
                {"deep page 200 by cursor, 2nd statement (if the 1st gave < 50)", select + "1 = 1 and f.status = "
                        + "'open' and (f.severity_rank > " + rank + ")" + order + " limit 50"},
                {"counts per severity (tally)", "select severity, sum(n) from finding_tally where 1 = 1 and status = "
                        + "'open' group by severity having sum(n) > 0"},
                {"counts per status (tally)", "select status, sum(n) from finding_tally where 1 = 1 group by status "
                        + "having sum(n) > 0"},
            };
            for (String[] statement : statements) {
                System.out.printf("%n-- %s%n", statement[0]);
                try (ResultSet plan = s.executeQuery("explain (analyze, buffers) " + statement[1])) {
                    while (plan.next()) {
                        System.out.println("   " + plan.getString(1));
                    }
                }
            }
        }
    }

    /** The cursor the API gives after page 199 (rows 9,951–10,000), for the keyset deep page. */
    private String cursorAfterPage199(OpenLoad load, String path) throws Exception {
        String body = load.get(path + "&page=199");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"next\":\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no next cursor in " + body.substring(0, Math.min(300, body.length())));
        }
        return m.group(1);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
