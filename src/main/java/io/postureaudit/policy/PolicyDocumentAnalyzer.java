package io.postureaudit.policy;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.ImpossibleConditions;
import io.postureaudit.policy.effective.StatementCache;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PolicyParser;
import io.postureaudit.policy.risk.LeastPrivilegeScore;
import io.postureaudit.policy.risk.PermissionRisks;
import io.postureaudit.policy.risk.Risk;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analyses a single policy document (an {@code iam.policy} resource, an AWS managed policy) as if it were the only
 * policy of a principal in an unknown account. Thread-safe; reuse one instance to share compiled statements.
 */
public final class PolicyDocumentAnalyzer {

    private final ActionCatalog catalog;
    private final Clock clock;
    private final StatementCache cache = new StatementCache();

    /** @param clock "now" for conditions on the time, which may have passed for good */
    public PolicyDocumentAnalyzer(ActionCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public PolicyAnalysis analyze(String name, PolicyDocument document) {
        // As for a principal, a statement whose condition can hold for nobody (a time already past, a key only a
        // service's request carries) grants nothing; unlike a principal's, nothing is known of who would hold it.
        ImpossibleConditions.Result possible = ImpossibleConditions.filter(List.of(new NamedPolicy(name, document)),
                null, clock.instant());
        EffectivePermissions permissions = EffectivePermissions.of(catalog, possible.policies(), null, cache);
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> impossible = new ArrayList<>();
        possible.removed().forEach(r -> impossible.add(r.policy() + "/" + r.statement() + ": " + r.reason()));
        facts.put("impossibleStatements", impossible);
        List<Risk> risks = PermissionRisks.analyse(permissions, null, List.of(), facts);
        int score = LeastPrivilegeScore.compute(facts, catalog.size());
        facts.put("score", score);
        return new PolicyAnalysis(name, score, risks, facts);
    }

    /** An {@code iam.policy} resource; a malformed document raises PolicyParseException naming the path. */
    public PolicyAnalysis analyze(CollectedResource policy) {
        Object document = policy.data().get("document");
        PolicyDocument parsed = document instanceof String s ? PolicyParser.parse(s)
                : PolicyParser.parseMap((Map<?, ?>) document);
        return analyze(policy.arn(), parsed);
    }
}
