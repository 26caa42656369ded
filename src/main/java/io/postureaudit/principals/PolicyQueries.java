package io.postureaudit.principals;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.iam.IamFields;
import io.postureaudit.inventory.ResourceQueries;
import io.postureaudit.policy.PolicyAnalysis;
import io.postureaudit.policy.PolicyDocumentAnalyzer;
import io.postureaudit.policy.catalog.ActionCatalog;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PolicyParseException;
import io.postureaudit.policy.model.PolicyParser;
import io.postureaudit.policy.risk.Risk;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/policies}: every customer managed and inline policy of the latest snapshot, analysed on its own,
 * with the principals it is attached to (a risky policy attached to nothing is one attachment away from being used).
 */
@ApplicationScoped
public class PolicyQueries {

    private final ResourceQueries resources;
    private final Clock clock;

    public PolicyQueries(ResourceQueries resources, Clock clock) {
        this.resources = resources;
        this.clock = clock;
    }

    /** {@code kind} of a customer managed policy. */
    public static final String MANAGED = "managed";
    /** {@code kind} of a policy embedded in one user, group or role (it has no ARN of its own). */
    public static final String INLINE = "inline";
    private static final List<String> HOLDERS = List.of(ResourceTypes.IAM_USER, ResourceTypes.IAM_GROUP,
            ResourceTypes.IAM_ROLE);

    /**
     * One analysed policy.
     *
     * @param arn        the policy's ARN; for an inline policy, which AWS gives no ARN, the ARN of its holder
     * @param kind       {@link #MANAGED} or {@link #INLINE}
     * @param attachedTo ARNs of the users, groups and roles it is attached to (an inline policy: its holder)
     * @param error      why the document could not be read (then {@code risks} is empty: not judged), else null
     */
    public record PolicyEntry(String arn, String name, String accountId, String kind, List<String> attachedTo,
            List<Risk> risks, Integer leastPrivilegeScore, String error) {
    }

    /** @param accountId null for every account */
    public List<PolicyEntry> list(String accountId) {
        List<CollectedResource> snapshot = resources.snapshot();
        PolicyDocumentAnalyzer analyzer = new PolicyDocumentAnalyzer(ActionCatalog.standard(), clock);
        List<PolicyEntry> out = new ArrayList<>();
        for (CollectedResource r : snapshot) {
            if (accountId != null && !accountId.equals(r.accountId())) {
                continue;
            }
            if (ResourceTypes.IAM_POLICY.equals(r.type()) && !Boolean.TRUE.equals(r.data().get(IamFields.AWS_MANAGED))) {
                Object document = r.data().get(IamFields.DOCUMENT);
                out.add(entry(analyzer, r.arn(), r.name(), r.accountId(), MANAGED, attachedTo(r, snapshot), document,
                        document == null ? String.valueOf(r.data().getOrDefault(IamFields.POLICY_ERRORS, "no document was read"))
                                : null));
            } else if (HOLDERS.contains(r.type()) && r.data().get(IamFields.INLINE_POLICIES) instanceof List<?> inline) {
                for (Object o : inline) {
                    if (o instanceof Map<?, ?> policy) {
                        String name = String.valueOf(policy.get(IamFields.POLICY_NAME));
                        Object document = policy.get(IamFields.DOCUMENT);
                        out.add(entry(analyzer, r.arn(), name, r.accountId(), INLINE, List.of(r.arn()), document,
                                document == null ? inlineError(r, name) : null));
                    }
                }
            }
        }
        out.sort(Comparator.comparing(PolicyEntry::accountId).thenComparing(PolicyEntry::arn)
                .thenComparing(PolicyEntry::kind).thenComparing(PolicyEntry::name));
        return out;
    }

    private static PolicyEntry entry(PolicyDocumentAnalyzer analyzer, String arn, String name, String accountId,
            String kind, List<String> attachedTo, Object document, String readError) {
        if (readError != null) {
            return new PolicyEntry(arn, name, accountId, kind, attachedTo, List.of(), null, readError);
        }
        try {
            PolicyDocument parsed = document instanceof String text ? PolicyParser.parse(text)
                    : PolicyParser.parseMap((Map<?, ?>) document);
            PolicyAnalysis analysis = analyzer.analyze(INLINE.equals(kind) ? arn + "/" + name : arn, parsed);
            return new PolicyEntry(arn, name, accountId, kind, attachedTo, analysis.risks(),
                    analysis.leastPrivilegeScore(), null);
        } catch (PolicyParseException | ClassCastException e) {
            return new PolicyEntry(arn, name, accountId, kind, attachedTo, List.of(), null, e.getMessage());
        }
    }

    /** The collector's reason an inline document was not read (it names the field {@code inlinePolicies[NAME]}). */
    private static String inlineError(CollectedResource holder, String name) {
        if (holder.data().get(IamFields.POLICY_ERRORS) instanceof List<?> errors) {
            for (Object e : errors) {
                if (e instanceof Map<?, ?> m && ("inlinePolicies[" + name + "]").equals(m.get(IamFields.POLICY_ERROR_FIELD))) {
                    return String.valueOf(m.get(IamFields.POLICY_ERROR));
                }
            }
        }
        return "no document was read";
    }

    /** ARNs of the users, groups and roles of the policy's account that attach it. */
    static List<String> attachedTo(CollectedResource policy, List<CollectedResource> snapshot) {
        List<String> out = new ArrayList<>();
        for (CollectedResource r : snapshot) {
            if (!r.accountId().equals(policy.accountId()) || !HOLDERS.contains(r.type())) {
                continue;
            }
            if (r.data().get(IamFields.ATTACHED_POLICIES) instanceof List<?> attached) {
                for (Object a : attached) {
                    if (a instanceof Map<?, ?> m && policy.arn().equals(m.get(IamFields.POLICY_ARN))) {
                        out.add(r.arn());
                    }
                }
            }
        }
        return out;
    }
}
