package io.postureaudit.findings;

import io.postureaudit.inventory.AccountNames;
import io.postureaudit.rules.Severity;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Filtered, paged reads of findings for the API and pages; most severe and most recent first. */
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

    /** List orders: most severe first (default), most recently seen, oldest first seen, by rule. */
    public static final Map<String, String> SORTS = Map.of(
            "severity", "severityRank, lastSeen desc, id desc",
            "lastSeen", "lastSeen desc, id desc",
            "firstSeen", "firstSeen, id",
            "rule", "ruleId, severityRank, id");

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

    /** The first page, most severe first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Result search(Filter filter, int page, int size) {
        return search(filter, "severity", page, size);
    }

    /** One page by number; see {@link #search(Filter, String, int, int, String)}. */
    @Transactional(Transactional.TxType.SUPPORTS)
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
    @Transactional(Transactional.TxType.SUPPORTS)
    public Result search(Filter filter, String sort, int page, int size, String after) {
        String sortName = sort == null ? "severity" : sort;
        String order = SORTS.get(sortName);
        if (order == null) {
            throw new FindingInputException("sort: expected one of " + String.join(", ", SORTS.keySet().stream()
                    .sorted().toList()) + "; found '" + sort + "'");
        }
        FindingKeyset.Cursor cursor = after == null ? null : FindingKeyset.decode(sortName, after);
        long total = total(filter);
        List<Finding> rows;
        if (cursor != null) {
            rows = new ArrayList<>();
            for (String condition : FindingKeyset.after(cursor)) {
                Parameters params = new Parameters();
                String where = where(filter, params, null, Columns.ENTITY) + " and (" + condition + ")";
                for (int i = 0; i < cursor.values().size(); i++) {
                    if (where.contains(":k" + i)) {
                        params.and("k" + i, cursor.values().get(i));
                    }
                }
                rows.addAll(Finding.<Finding>find(where + " order by " + order, params)
                        .range(0, size - rows.size() - 1).list());
                if (rows.size() == size) {
                    break;
                }
            }
        } else {
            if ((long) page * size >= total) {
                return new Result(List.of(), total);
            }
            Parameters params = new Parameters();
            String where = where(filter, params, null, Columns.ENTITY);
            rows = Finding.<Finding>find(where + " order by " + order, params).page(Page.of(page, size)).list();
        }
        String next = rows.size() == size ? FindingKeyset.encode(sortName, rows.get(rows.size() - 1)) : null;
        return new Result(views(rows), total, next);
    }

    /** How many findings match: summed from the tally, or counted when free text is part of the filter. */
    private long total(Filter filter) {
        Parameters params = new Parameters();
        if (filter.text() == null) {
            String where = where(filter, params, null, Columns.TALLY);
            var query = Finding.getEntityManager().createNativeQuery("select coalesce(cast(sum(n) as bigint), 0) "
                    + "from finding_tally where " + where);
            params.map().forEach(query::setParameter);
            return ((Number) query.getSingleResult()).longValue();
        }
        return Finding.count(where(filter, params, null, Columns.ENTITY), params);
    }

    /** Every finding matching the filters, in list order, for exports; at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FindingView> all(Filter filter, String sort, int limit) {
        Parameters params = new Parameters();
        String where = where(filter, params, null, Columns.ENTITY);
        String order = SORTS.getOrDefault(sort == null ? "severity" : sort, SORTS.get("severity"));
        return views(Finding.<Finding>find(where + " order by " + order, params).range(0, limit - 1).list());
    }

    /** Open findings counted per resource type and severity (the overview folds types into services). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> openByTypeAndSeverity() {
        return Finding.getEntityManager().createQuery("select resourceType, severity, count(*) from Finding "
                + "where status = 'open' group by resourceType, severity", Object[].class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Counts counts(Filter filter) {
        return new Counts(count(filter, "status"), count(filter, "severity"), count(filter, "triageState"));
    }

    /** Counts from the tally (a bounded number of rows), or from the findings when free text is part of the filter. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> count(Filter filter, String dimension) {
        Parameters params = new Parameters();
        Map<String, Long> out = new java.util.TreeMap<>();
        if (filter.text() == null) {
            String column = Columns.TALLY.name(dimension);
            String where = where(filter, params, dimension, Columns.TALLY);
            var query = Finding.getEntityManager().createNativeQuery("select " + column + ", cast(sum(n) as bigint) "
                    + "from finding_tally where " + where + " group by " + column + " having sum(n) > 0");
            params.map().forEach(query::setParameter);
            for (Object[] row : (List<Object[]>) query.getResultList()) {
                out.put((String) row[0], ((Number) row[1]).longValue());
            }
            return out;
        }
        String where = where(filter, params, dimension, Columns.ENTITY);
        var query = Finding.getEntityManager().createQuery("select " + dimension + ", count(*) from Finding where "
                + where + " group by " + dimension, Object[].class);
        params.map().forEach(query::setParameter);
        query.getResultList().forEach(row -> out.put((String) row[0], (Long) row[1]));
        return out;
    }

    /** The names the filters are written with: entity fields (HQL over Finding) or finding_tally's columns (SQL). */
    private enum Columns {
        ENTITY, TALLY;

        String name(String field) {
            if (this == ENTITY) {
                return field;
            }
            return switch (field) {
                case "triageState" -> "triage_state";
                case "accountId" -> "account_id";
                case "ruleId" -> "rule_id";
                case "resourceType" -> "resource_type";
                default -> field;
            };
        }
    }

    private static String where(Filter filter, Parameters params, String leaveOut, Columns c) {
        StringBuilder query = new StringBuilder("1 = 1");
        if (filter.status() != null && !"status".equals(leaveOut)) {
            if (!STATUSES.contains(filter.status())) {
                throw new FindingInputException("status: expected one of open, resolved, suppressed; found '"
                        + filter.status() + "'");
            }
            query.append(" and ").append(c.name("status")).append(" = :status");
            params.and("status", filter.status());
        }
        if (filter.severity() != null && !"severity".equals(leaveOut)) {
            Severity severity;
            try {
                severity = Severity.parse(filter.severity());
            } catch (IllegalArgumentException e) {
                throw new FindingInputException(e.getMessage());
            }
            if (c == Columns.ENTITY) {
                // The rank, not the name: the list's indexes lead with (status,) severity_rank, last_seen.
                query.append(" and severityRank = :rank");
                params.and("rank", severity.ordinal()); // CRITICAL … INFO = 0 … 4, as the column computes it
            } else {
                query.append(" and severity = :severity");
                params.and("severity", filter.severity());
            }
        }
        if (filter.triage() != null && !"triageState".equals(leaveOut)) {
            query.append(" and ").append(c.name("triageState")).append(" = :triage");
            params.and("triage", FindingTriage.state(filter.triage(), "triage"));
        }
        if (filter.accountId() != null) {
            query.append(" and ").append(c.name("accountId")).append(" = :account");
            params.and("account", filter.accountId());
        }
        if (filter.ruleId() != null) {
            query.append(" and ").append(c.name("ruleId")).append(" = :rule");
            params.and("rule", filter.ruleId());
        }
        if (filter.resourceType() != null) {
            query.append(" and ").append(c.name("resourceType")).append(" = :type");
            params.and("type", filter.resourceType());
        }
        if (filter.service() != null) {
            String type = c.name("resourceType");
            query.append(" and (").append(type).append(" = :service or ").append(type).append(" like :servicePrefix)");
            params.and("service", filter.service()).and("servicePrefix", like(filter.service()) + ".%");
        }
        if (filter.text() != null) {
            query.append(" and (lower(title) like :text or lower(message) like :text or lower(resourceArn) like :text)");
            params.and("text", "%" + like(filter.text().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        return query.toString();
    }

    /** Escapes LIKE's wildcards so that a search for {@code 100%_done} finds exactly that. */
    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<FindingView> views(List<Finding> rows) {
        Map<String, String> names = new HashMap<>();
        AccountNames.load(names);
        Set<String> samples = AccountNames.samples();
        return rows.stream().map(f -> FindingView.of(f, names.getOrDefault(f.accountId, f.accountId),
                samples.contains(f.accountId))).toList();
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
