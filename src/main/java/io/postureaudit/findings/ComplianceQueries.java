package io.postureaudit.findings;

import io.postureaudit.rules.ComplianceFrameworks;
import io.postureaudit.rules.RuleCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A framework's controls judged from the current findings: {@code fail} when a mapped rule has open findings,
 * {@code pass} when it has none (the rules ran and found nothing open, which is not proof of compliance for
 * what the data cannot see), {@code not-evaluated} when none of its rules is loaded.
 */
@ApplicationScoped
public class ComplianceQueries {

    private final ComplianceFrameworks frameworks;
    private final RuleCatalog catalog;

    public ComplianceQueries(ComplianceFrameworks frameworks, RuleCatalog catalog) {
        this.frameworks = frameworks;
        this.catalog = catalog;
    }

    /** One control's state. */
    public record ControlStatus(String control, String status, List<String> rules, long openFindings) {
    }

    /** The framework with every control's state, for one account or all. */
    public record Report(String id, String framework, String version, String accountId, long failing, long passing,
            List<ControlStatus> controls) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Report report(String id, String accountId) {
        ComplianceFrameworks.Framework framework = frameworks.get(id);
        List<Object[]> rows = accountId == null
                ? Finding.getEntityManager().createQuery("select f.ruleId, count(f) from Finding f where f.status = "
                        + "'open' group by f.ruleId", Object[].class).getResultList()
                : Finding.getEntityManager().createQuery("select f.ruleId, count(f) from Finding f where f.status = "
                        + "'open' and f.accountId = :a group by f.ruleId", Object[].class).setParameter("a", accountId)
                        .getResultList();
        Map<String, Long> open = new HashMap<>();
        rows.forEach(r -> open.put((String) r[0], (Long) r[1]));
        List<String> loaded = catalog.rules().stream().map(r -> r.id()).toList();
        List<ControlStatus> controls = new ArrayList<>();
        long failing = 0;
        long passing = 0;
        for (Map.Entry<String, List<String>> control : framework.controls().entrySet()) {
            long count = control.getValue().stream().mapToLong(r -> open.getOrDefault(r, 0L)).sum();
            boolean evaluated = control.getValue().stream().anyMatch(loaded::contains);
            String status = !evaluated ? "not-evaluated" : count > 0 ? "fail" : "pass";
            failing += "fail".equals(status) ? 1 : 0;
            passing += "pass".equals(status) ? 1 : 0;
            controls.add(new ControlStatus(control.getKey(), status, control.getValue(), count));
        }
        return new Report(framework.id(), framework.name(), framework.version(), accountId, failing, passing, controls);
    }
}
