package io.postureaudit.policy;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.effective.EffectivePermissions;
import io.postureaudit.policy.effective.StatementCache;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PolicyParser;
import io.postureaudit.policy.risk.LeastPrivilegeScore;
import io.postureaudit.policy.risk.PermissionRisks;
import io.postureaudit.policy.risk.Risk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analyses a single policy document (an {@code iam.policy} resource, an AWS managed policy) as if it were the only
 * policy of a principal in an unknown account. Thread-safe; reuse one instance to share compiled statements.
 */
public final class PolicyDocumentAnalyzer {

    private final ActionCatalog catalog;
    private final StatementCache cache = new StatementCache();

    public PolicyDocumentAnalyzer(ActionCatalog catalog) {
        this.catalog = catalog;
    }

    public PolicyAnalysis analyze(String name, PolicyDocument document) {
        EffectivePermissions permissions = EffectivePermissions.of(catalog, List.of(new NamedPolicy(name, document)),
                null, cache);
        Map<String, Object> facts = new LinkedHashMap<>();
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
