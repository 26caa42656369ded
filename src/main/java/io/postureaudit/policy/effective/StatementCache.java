package io.postureaudit.policy.effective;

import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles each policy document once per analysis run: a managed policy attached to thousands of principals is
 * expanded a single time. Keyed by document identity and policy name (the name is part of the evidence).
 */
public final class StatementCache {

    private final Map<PolicyDocument, Map<String, List<CompiledStatement>>> compiled = new IdentityHashMap<>();

    public synchronized List<CompiledStatement> compile(NamedPolicy policy, ActionCatalog catalog) {
        return compiled.computeIfAbsent(policy.document(), d -> new HashMap<>())
                .computeIfAbsent(policy.name(), n -> {
                    List<CompiledStatement> out = new ArrayList<>();
                    for (Statement s : policy.document().statements()) {
                        out.add(new CompiledStatement(policy, s, catalog));
                    }
                    return List.copyOf(out);
                });
    }
}
