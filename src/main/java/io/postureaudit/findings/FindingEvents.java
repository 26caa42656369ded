package io.postureaudit.findings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.inventory.AccountNames;
import io.postureaudit.rules.RuleDefinition;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.FlushModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes {@link FindingEvent}s synchronously to CDI observers, inside the caller's transaction: an observer
 * that fails rolls the change back, so a change is never made without its announcement, nor the reverse.
 */
@ApplicationScoped
public class FindingEvents {

    private static final Set<String> PRINCIPAL_TYPES = Set.of("iam.user", "iam.role", "iam.group",
            "identitycenter.permission-set");
    private final Event<FindingEvent> bus;
    private final ObjectMapper json;

    public FindingEvents(Event<FindingEvent> bus, ObjectMapper json) {
        this.bus = bus;
        this.json = json;
    }

    void publish(FindingEvent event) {
        bus.fire(event);
    }

    /** The finding as it stands now, labelled with its account's name. */
    FindingSnapshot snapshot(Finding finding) {
        Map<String, String> names = new HashMap<>();
        AccountNames.load(names);
        return FindingSnapshot.of(finding, names.get(finding.accountId),
                AccountNames.samples().contains(finding.accountId));
    }

    FindingSnapshot snapshot(Finding finding, String accountName, boolean sample) {
        return FindingSnapshot.of(finding, accountName, sample);
    }

    /** What an alert explains, from the rule that hit and the configuration it judged. */
    FindingDetails details(RuleDefinition rule, Map<String, Object> data) {
        Map<String, String> fix = rule.remediation() == null ? Map.of() : rule.remediation();
        String evidence;
        try {
            evidence = json.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            evidence = String.valueOf(data);
        }
        if (evidence.length() > FindingDetails.EVIDENCE_LIMIT) {
            evidence = evidence.substring(0, FindingDetails.EVIDENCE_LIMIT - 1) + "…";
        }
        Double guardDuty = null;
        if ("guardduty.finding".equals(rule.resourceTypes().isEmpty() ? null : rule.resourceTypes().get(0))
                && data.get("severity") instanceof Number n) {
            guardDuty = n.doubleValue();
        }
        return new FindingDetails(rule.rationale(), fix.get("cli"), fix.get("terraform"), fix.get("console"),
                evidence, guardDuty);
    }

    /** A principal whose latest analysis found admin-equivalent access or a privilege-escalation path. */
    boolean privileged(Finding finding) {
        if (!PRINCIPAL_TYPES.contains(finding.resourceType)) {
            return false;
        }
        List<?> rows = Panache.getEntityManager().createNativeQuery("""
                select 1 from principal_analysis a join principal_analysis_content c using (content_hash)
                where a.arn = ?1 and a.account_id = ?2
                  and a.scan_id = (select max(scan_id) from principal_analysis where arn = ?1 and account_id = ?2)
                  and (c.risks @> '[{"category":"admin"}]' or c.risks @> '[{"category":"privilege-escalation"}]')
                """).setFlushMode(FlushModeType.COMMIT) // the analyses are native inserts: no flush needed
                .setParameter(1, finding.resourceArn).setParameter(2, finding.accountId).getResultList();
        return !rows.isEmpty();
    }

}
