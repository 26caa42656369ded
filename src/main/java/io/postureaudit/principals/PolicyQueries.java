package io.postureaudit.principals;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.inventory.ResourceQueries;
import io.postureaudit.policy.PolicyAnalysis;
import io.postureaudit.policy.PolicyDocumentAnalyzer;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.model.PolicyParseException;
import io.postureaudit.policy.risk.Risk;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/policies}: every customer managed policy of the latest snapshot, analysed on its own, with the
 * principals it is attached to (a risky policy attached to nothing is one attachment away from being used).
 */
@ApplicationScoped
public class PolicyQueries {

    private final ResourceQueries resources;

    public PolicyQueries(ResourceQueries resources) {
        this.resources = resources;
    }

    /**
     * One analysed policy.
     *
     * @param attachedTo ARNs of the users, groups and roles it is attached to
     * @param error      why the document could not be read (then {@code risks} is empty: not judged), else null
     */
    public record PolicyEntry(String arn, String name, String accountId, List<String> attachedTo, List<Risk> risks,
            Integer leastPrivilegeScore, String error) {
    }

    /** @param accountId null for every account */
    public List<PolicyEntry> list(String accountId) {
        List<CollectedResource> snapshot = resources.snapshot();
        PolicyDocumentAnalyzer analyzer = new PolicyDocumentAnalyzer(ActionCatalog.standard());
        List<PolicyEntry> out = new ArrayList<>();
        for (CollectedResource r : snapshot) {
            if (!"iam.policy".equals(r.type()) || Boolean.TRUE.equals(r.data().get("awsManaged"))
                    || accountId != null && !accountId.equals(r.accountId())) {
                continue;
            }
            List<String> attachedTo = attachedTo(r, snapshot);
            if (r.data().get("document") == null) {
                out.add(new PolicyEntry(r.arn(), r.name(), r.accountId(), attachedTo, List.of(), null,
                        String.valueOf(r.data().getOrDefault("policyErrors", "no document was read"))));
                continue;
            }
            try {
                PolicyAnalysis analysis = analyzer.analyze(r);
                out.add(new PolicyEntry(r.arn(), r.name(), r.accountId(), attachedTo, analysis.risks(),
                        analysis.leastPrivilegeScore(), null));
            } catch (PolicyParseException | ClassCastException e) {
                out.add(new PolicyEntry(r.arn(), r.name(), r.accountId(), attachedTo, List.of(), null,
                        e.getMessage()));
            }
        }
        out.sort(Comparator.comparing(PolicyEntry::accountId).thenComparing(PolicyEntry::arn));
        return out;
    }

    /** ARNs of the users, groups and roles of the policy's account that attach it. */
    static List<String> attachedTo(CollectedResource policy, List<CollectedResource> snapshot) {
        List<String> out = new ArrayList<>();
        for (CollectedResource r : snapshot) {
            if (!r.accountId().equals(policy.accountId()) || !List.of("iam.user", "iam.group", "iam.role")
                    .contains(r.type())) {
                continue;
            }
            if (r.data().get("attachedPolicies") instanceof List<?> attached) {
                for (Object a : attached) {
                    if (a instanceof Map<?, ?> m && policy.arn().equals(m.get("policyArn"))) {
                        out.add(r.arn());
                    }
                }
            }
        }
        return out;
    }
}
