package io.postureaudit.findings;

import io.postureaudit.inventory.AccountNames;
import io.postureaudit.rules.Severity;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Filtered, paged reads of findings for the API and pages; most severe and most recent first. */
@ApplicationScoped
public class FindingQueries {

    private static final Set<String> STATUSES = Set.of(Finding.OPEN, Finding.RESOLVED, Finding.SUPPRESSED);

    /** Optional filters (null = any). */
    public record Filter(String status, String severity, String accountId, String ruleId, String resourceType) {
    }

    /** One page and the total. */
    public record Result(List<FindingView> items, long total) {
    }

    /**
     * @throws IllegalArgumentException naming the parameter when a status or severity is not one of the known words
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Result search(Filter filter, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.status() != null) {
            if (!STATUSES.contains(filter.status())) {
                throw new IllegalArgumentException("status: expected one of open, resolved, suppressed; found '"
                        + filter.status() + "'");
            }
            query.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.severity() != null) {
            Severity.parse(filter.severity());
            query.append(" and severity = :severity");
            params.and("severity", filter.severity());
        }
        if (filter.accountId() != null) {
            query.append(" and accountId = :account");
            params.and("account", filter.accountId());
        }
        if (filter.ruleId() != null) {
            query.append(" and ruleId = :rule");
            params.and("rule", filter.ruleId());
        }
        if (filter.resourceType() != null) {
            query.append(" and resourceType = :type");
            params.and("type", filter.resourceType());
        }
        String order = " order by case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 "
                + "when 'low' then 3 else 4 end, lastSeen desc, id desc";
        long total = Finding.count(query.toString(), params);
        List<Finding> rows = Finding.<Finding>find(query + order, params).page(Page.of(page, size)).list();
        Map<String, String> names = new HashMap<>();
        AccountNames.load(names);
        Set<String> samples = AccountNames.samples();
        return new Result(rows.stream().map(f -> FindingView.of(f, names.getOrDefault(f.accountId, f.accountId),
                samples.contains(f.accountId))).toList(), total);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FindingHistory> history(long findingId) {
        return FindingHistory.list("findingId", Sort.ascending("at", "id"), findingId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public FindingView view(long id) {
        Finding finding = Finding.findById(id);
        if (finding == null) {
            throw new jakarta.ws.rs.NotFoundException("no finding with id " + id);
        }
        Map<String, String> names = new HashMap<>();
        AccountNames.load(names);
        return FindingView.of(finding, names.getOrDefault(finding.accountId, finding.accountId),
                AccountNames.samples().contains(finding.accountId));
    }
}
