package io.postureaudit.findings;

import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.rules.RuleSet;
import io.postureaudit.rules.Severity;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Re-grades findings that are still open or suppressed when their rule's effective severity changed (a rule file
 * edited and reloaded, or a severity override set and the service restarted), recording {@code regraded} in the
 * history so the change is explained. Resolved findings keep the severity they had.
 */
@ApplicationScoped
public class FindingRegrader {

    private static final Logger LOG = Logger.getLogger(FindingRegrader.class);
    public static final String ACTOR = "rules";
    private final RuleCatalog catalog;
    private final Clock clock;
    private final FindingEvents events;

    public FindingRegrader(RuleCatalog catalog, Clock clock, FindingEvents events) {
        this.catalog = catalog;
        this.clock = clock;
        this.events = events;
    }

    void onStart(@Observes StartupEvent event) {
        int changed = regrade();
        if (changed > 0) {
            LOG.infof("Re-graded %d finding(s) to their rules' current severity", changed);
        }
    }

    /** @return how many findings changed severity */
    @Transactional
    public int regrade() {
        RuleSet rules = catalog.ruleSet();
        Map<String, CompiledRule> byId = new HashMap<>();
        rules.rules().forEach(r -> byId.put(r.id(), r));
        Instant now = clock.instant();
        List<Finding> live = Finding.list("status in ?1", List.of(Finding.OPEN, Finding.SUPPRESSED));
        int changed = 0;
        for (Finding finding : live) {
            CompiledRule rule = byId.get(finding.ruleId);
            if (rule == null) {
                continue;
            }
            Severity wanted = rules.settings().severity(rule.definition(), finding.accountId);
            if (!wanted.id().equals(finding.severity)) {
                String before = finding.severity;
                finding.severity = wanted.id();
                FindingService.record(finding, finding.status, "regraded", ACTOR, "severity " + before + " -> "
                        + wanted.id() + " (rule settings)", null, now);
                events.publish(new FindingEvent.Regraded(events.snapshot(finding), before, wanted.id(), ACTOR, now));
                changed++;
            }
        }
        return changed;
    }
}
