package io.postureaudit.findings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.postureaudit.inventory.AccountNames;
import io.postureaudit.rules.Severity;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Filtered, paged reads of findings for the API and pages; most severe and most recent first. Lists, totals and
 * counts are plain SQL on one connection ({@link FindingRows}); one finding and its history go through the entities.
 */
@ApplicationScoped
public class FindingQueries {

    private static final Set<String> STATUSES = Set.of(Finding.OPEN, Finding.RESOLVED, Finding.SUPPRESSED);

    /**
     * Optional filters (null = any): {@code service} is the resource type's service ({@code iam}, {@code kms} …),
     * {@code text} matches title, message and resource ARN, case-insensitively.
     */
    public record Filter(String status, String severity, String accountId, String ruleId, String resourceType,
            String service, String triage, String text) {

        public Filter(String status, String severity, String accountId, String ruleId, String resourceType) {
            this(status, severity, accountId, ruleId, resourceType, null, null, null);
        }
    }

    /** List orders, as SQL over the finding table: most severe first (default), last seen, first seen, by rule. */
    public static final Map<String, String> SORTS = Map.of(
            "severity", "severity_rank, last_seen desc, id desc",
            "lastSeen", "last_seen desc, id desc",
            "firstSeen", "first_seen, id",
            "rule", "rule_id, severity_rank, id");

    /**
     * One page and the total.
     *
     * @param next the cursor of the page after this one ({@code after=}), null when this page is not full
     */
    public record Result(List<FindingView> items, long total, String next) {

        public Result(List<FindingView> items, long total) {
            this(items, total, null);
        }
    }

    /** How many findings match the filters, per value of one dimension (that dimension's own filter left out). */
    public record Counts(Map<String, Long> status, Map<String, Long> severity, Map<String, Long> triage) {
    }

    /** The list page's needs in one go: a page of findings and the counts per status, severity and triage state. */
    public record Listing(Result result, Counts counts) {
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public FindingQueries(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The first page, most severe first. */
    public Result search(Filter filter, int page, int size) {
        return search(filter, "severity", page, size);
    }

    /** One page by number; see {@link #search(Filter, String, int, int, String)}. */
    public Result search(Filter filter, String sort, int page, int size) {
        return search(filter, sort, page, size, null);
    }

    /**
     * One page in the given order: the rows after the cursor {@code after} when given (keyset: as fast on the
     * thousandth page as on the first), else page number {@code page} (OFFSET); a page past the last is empty.
     *
     * @throws FindingInputException naming the parameter when a status, severity, triage state, sort or cursor is
     *                               not acceptable
     */
    public Result search(Filter filter, String sort, int page, int size, String after) {
        Order order = order(sort, after);
        return read(rows -> page(rows, filter, order, page, size, total(rows, filter)));
    }

    /**
     * A page as {@link #search(Filter, String, int, int, String)} gives it, with the counts of {@link #counts}; the
     * total comes from the same grouped statement as the counts: three statements on one connection (counts, rows,
     * account names) where the page sent seven.
     */
    public Listing listing(Filter filter, String sort, int page, int size, String after) {
        Order order = order(sort, after);
        return read(rows -> {
            Tally tally = tally(rows, filter);
            return new Listing(page(rows, filter, order, page, size, tally.total()), tally.counts());
        });
    }

    /** How many findings match the filters, per value of one dimension (that dimension's own filter left out). */
    public Counts counts(Filter filter) {
        return read(rows -> tally(rows, filter).counts());
    }

    /** Every finding matching the filters, in list order, for exports; at most {@code limit}. */
    public List<FindingView> all(Filter filter, String sort, int limit) {
        Parameters params = new Parameters();
        String where = where(filter, params, false, false);
        String order = SORTS.getOrDefault(sort == null ? "severity" : sort, SORTS.get("severity"));
        return read(rows -> rows.views("select " + FindingRows.COLUMNS + " from finding where " + where
                + " order by " + order + " limit " + limit, params.map()));
    }

    /** Open findings counted per resource type and severity (the overview folds types into services). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> openByTypeAndSeverity() {
        return Finding.getEntityManager().createQuery("select resourceType, severity, count(*) from Finding "
                + "where status = 'open' group by resourceType, severity", Object[].class).getResultList();
    }

    /** The sort's name and order, and the decoded cursor (null: by page number). */
    private record Order(String sort, String sql, FindingKeyset.Cursor cursor) {
    }

    private static Order order(String sort, String after) {
        String sortName = sort == null ? "severity" : sort;
        String order = SORTS.get(sortName);
        if (order == null) {
            throw new FindingInputException("sort: expected one of " + String.join(", ", SORTS.keySet().stream()
                    .sorted().toList()) + "; found '" + sort + "'");
        }
        return new Order(sortName, order, after == null ? null : FindingKeyset.decode(sortName, after));
    }

    private static Result page(FindingRows rows, Filter filter, Order order, int page, int size, long total)
            throws SQLException {
        String select = "select " + FindingRows.COLUMNS + " from finding where ";
        List<FindingView> items;
        if (order.cursor() != null) {
            items = new ArrayList<>();
            FindingKeyset.Cursor cursor = order.cursor();
            for (String condition : FindingKeyset.after(cursor)) {
                Parameters params = new Parameters();
                String where = where(filter, params, false, false) + " and (" + condition + ")";
                for (int i = 0; i < cursor.values().size(); i++) {
                    if (where.contains(":k" + i)) {
                        params.and("k" + i, cursor.values().get(i));
                    }
                }
                items.addAll(rows.views(select + where + " order by " + order.sql() + " limit " + (size - items.size()),
                        params.map()));
                if (items.size() == size) {
                    break;
                }
            }
        } else {
            if ((long) page * size >= total) {
                return new Result(List.of(), total);
            }
            Parameters params = new Parameters();
            String where = where(filter, params, false, false);
            String limit = " order by " + order.sql() + " limit " + size;
            // A deep page finds its ids first (the list's indexes hold every sort key and the id, so the rows skipped
            // by OFFSET are index entries), then reads only the rows it shows.
            items = page == 0 ? rows.views(select + where + limit, params.map())
                    : rows.views(select + "id in (select id from finding where " + where + limit + " offset "
                            + (long) page * size + ") order by " + order.sql(), params.map());
        }
        String next = items.size() == size ? FindingKeyset.encode(order.sort(), items.get(items.size() - 1)) : null;
        return new Result(items, total, next);
    }

    /** How many findings match: summed from the tally, or counted when free text is part of the filter. */
    private static long total(FindingRows rows, Filter filter) throws SQLException {
        Parameters params = new Parameters();
        if (filter.text() == null) {
            return rows.single("select coalesce(cast(sum(n) as bigint), 0) from finding_tally where "
                    + where(filter, params, true, false), params.map());
        }
        return rows.single("select count(*) from finding where " + where(filter, params, false, false), params.map());
    }

    /** The total and the counts of a filter, from one statement grouped by status, severity and triage state. */
    private record Tally(long total, Counts counts) {
    }

    /**
     * One grouped statement over the filters but status, severity and triage state (from the tally, a bounded number
     * of rows, or from the findings when free text is part of the filter); each dimension's counts then apply the
     * other two filters to the groups, and the total applies all three: the same figures as one statement each.
     */
    private static Tally tally(FindingRows rows, Filter filter) throws SQLException {
        String status = filter.status() == null ? null : status(filter.status());
        String severity = filter.severity() == null ? null : severity(filter.severity()).id();
        String triage = filter.triage() == null ? null : FindingTriage.state(filter.triage(), "triage");
        Parameters params = new Parameters();
        String where = where(filter, params, filter.text() == null, true);
        List<FindingRows.Group> groups = filter.text() == null
                ? rows.groups("select status, severity, triage_state, cast(sum(n) as bigint) from finding_tally where "
                        + where + " group by status, severity, triage_state", params.map())
                : rows.groups("select status, severity, triage_state, count(*) from finding where " + where
                        + " group by status, severity, triage_state", params.map());
        Map<String, Long> byStatus = new TreeMap<>(), bySeverity = new TreeMap<>(), byTriage = new TreeMap<>();
        long total = 0;
        for (FindingRows.Group g : groups) {
            if (g.count() <= 0) {
                continue;
            }
            boolean statusOk = status == null || status.equals(g.status());
            boolean severityOk = severity == null || severity.equals(g.severity());
            boolean triageOk = triage == null || triage.equals(g.triage());
            if (severityOk && triageOk) {
                byStatus.merge(g.status(), g.count(), Long::sum);
            }
            if (statusOk && triageOk) {
                bySeverity.merge(g.severity(), g.count(), Long::sum);
            }
            if (statusOk && severityOk) {
                byTriage.merge(g.triage(), g.count(), Long::sum);
            }
            if (statusOk && severityOk && triageOk) {
                total += g.count();
            }
        }
        return new Tally(total, new Counts(byStatus, bySeverity, byTriage));
    }

    /** Reads on one pooled connection (inside the caller's transaction when there is one). */
    private <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(new FindingRows(connection, json));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the findings list failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(FindingRows rows) throws SQLException;
    }

    private static String status(String status) {
        if (!STATUSES.contains(status)) {
            throw new FindingInputException("status: expected one of open, resolved, suppressed; found '" + status
                    + "'");
        }
        return status;
    }

    private static Severity severity(String severity) {
        try {
            return Severity.parse(severity);
        } catch (IllegalArgumentException e) {
            throw new FindingInputException(e.getMessage());
        }
    }

    /**
     * The filters as SQL over the finding table, or over finding_tally (same column names; no free text there).
     *
     * @param grouped leave out status, severity and triage state (the grouped counts apply them to the groups)
     */
    private static String where(Filter filter, Parameters params, boolean tally, boolean grouped) {
        StringBuilder query = new StringBuilder("1 = 1");
        if (filter.status() != null && !grouped) {
            query.append(" and status = :status");
            params.and("status", status(filter.status()));
        }
        if (filter.severity() != null && !grouped) {
            Severity severity = severity(filter.severity());
            if (tally) {
                query.append(" and severity = :severity");
                params.and("severity", severity.id());
            } else {
                // The rank, not the name: the list's indexes lead with (status,) severity_rank, last_seen.
                query.append(" and severity_rank = :rank");
                params.and("rank", severity.ordinal()); // CRITICAL … INFO = 0 … 4, as the column computes it
            }
        }
        if (filter.triage() != null && !grouped) {
            query.append(" and triage_state = :triage");
            params.and("triage", FindingTriage.state(filter.triage(), "triage"));
        }
        if (filter.accountId() != null) {
            query.append(" and account_id = :account");
            params.and("account", filter.accountId());
        }
        if (filter.ruleId() != null) {
            query.append(" and rule_id = :rule");
            params.and("rule", filter.ruleId());
        }
        if (filter.resourceType() != null) {
            query.append(" and resource_type = :type");
            params.and("type", filter.resourceType());
        }
        if (filter.service() != null) {
            query.append(" and (resource_type = :service or resource_type like :servicePrefix)");
            params.and("service", filter.service()).and("servicePrefix", like(filter.service()) + ".%");
        }
        if (filter.text() != null) {
            if (tally) {
                throw new IllegalStateException("free text cannot be counted from finding_tally");
            }
            // The expressions of the pg_trgm indexes (V22_1), so that a search reads only the rows that match.
            query.append(" and (lower(title) like :text or lower(message) like :text or lower(resource_arn) like "
                    + ":text)");
            params.and("text", "%" + like(filter.text().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        return query.toString();
    }

    /** Escapes LIKE's wildcards so that a search for {@code 100%_done} finds exactly that. */
    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FindingHistory> history(long findingId) {
        return FindingHistory.list("findingId", Sort.ascending("at", "id"), findingId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FindingView view(long id) {
        Finding finding = Finding.findById(id);
        if (finding == null) {
            throw new FindingNotFoundException(id);
        }
        Map<String, String> names = new HashMap<>();
        AccountNames.load(names);
        return FindingView.of(finding, names.getOrDefault(finding.accountId, finding.accountId),
                AccountNames.samples().contains(finding.accountId));
    }
}
