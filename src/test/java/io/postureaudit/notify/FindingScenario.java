package io.postureaudit.notify;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.findings.Finding;
import io.postureaudit.findings.FindingService;
import io.postureaudit.findings.ReconcileInput;
import io.postureaudit.rules.RuleDefinition;
import io.postureaudit.rules.RuleHit;
import io.postureaudit.rules.Severity;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Drives the real finding lifecycle for notification tests: a rule of a given severity hits (or stops hitting)
 * one resource in a scan of one account, through {@link FindingService#reconcile}.
 */
final class FindingScenario {

    final String accountId;
    final String accountName;
    final String ruleId;
    final Severity severity;
    final String resourceType;
    final CollectedResource resource;
    private final FindingService findings;

    FindingScenario(FindingService findings, String accountId, String accountName, Severity severity,
            String resourceType, String name, Map<String, Object> data) {
        this.findings = findings;
        this.accountId = accountId;
        this.accountName = accountName;
        this.severity = severity;
        this.resourceType = resourceType;
        this.ruleId = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String service = resourceType.substring(0, resourceType.indexOf('.'));
        this.resource = new CollectedResource("arn:aws:" + service + "::" + accountId + ":thing/" + ruleId, resourceType,
                accountId, "ap-northeast-1", name, data, Map.of());
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "insert into account (id, name) values (?1, ?2) on conflict (id) do nothing")
                .setParameter(1, accountId).setParameter(2, accountName).executeUpdate());
    }

    RuleDefinition rule() {
        return new RuleDefinition(ruleId, "Thing " + resource.name() + " is exposed", severity, List.of(resourceType),
                "true", "Thing " + resource.name() + " is exposed.", "Exposed things let anyone read them.",
                Map.of("cli", "aws thing close --name " + resource.name(),
                        "terraform", "resource \"aws_thing\" \"x\" { public = false }"),
                List.of("Test reference"), List.of(), "test");
    }

    /** A scan sees the problem. */
    long hit() {
        see();
        return findingId();
    }

    /** A scan sees the problem, in the caller's transaction when there is one. */
    void see() {
        findings.reconcile(input(List.of(new RuleHit(rule(), resource, "Thing " + resource.name()
                + " is exposed."))));
    }

    /** A complete scan no longer sees it. */
    void fixed() {
        findings.reconcile(input(List.of()));
    }

    long findingId() {
        return QuarkusTransaction.requiringNew().call(() -> Finding.<Finding>find("ruleId", ruleId).firstResult().id);
    }

    private ReconcileInput input(List<RuleHit> hits) {
        return new ReconcileInput(1L, accountId, accountName, false, hits, Set.of(ruleId),
                Set.of(ReconcileInput.scope(resource.region(), resource.service())), List.of(), Map.of(), Set.of());
    }
}
