package io.postureaudit.policy.effective;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyDocument;
import java.util.List;

/**
 * Everything that decides one principal's permissions, gathered from a snapshot.
 *
 * @param boundary   the permissions boundary documents, or null when the principal has none
 * @param trust      the role trust policy (roles only), else null
 * @param unresolved policies the principal uses that neither the snapshot nor the bundled library holds: a gap
 * @param bundled    ARNs of AWS managed policies the snapshot lacks, analysed from the library bundled in the jar
 *                   (AWS's published default version, not read from the account)
 * @param errors     documents that failed to parse, with the path of the bad element
 * @param source     the resource the principal was read from (usage data lives in its {@code observed} map)
 * @param managedArns ARNs of the managed identity policies it holds, directly or through groups
 */
public record PrincipalPolicies(String arn, String type, String accountId, String name, List<NamedPolicy> identity,
        List<NamedPolicy> boundary, PolicyDocument trust, List<String> unresolved, List<String> bundled,
        List<String> errors, CollectedResource source, List<String> managedArns) {

    public PrincipalPolicies {
        identity = List.copyOf(identity);
        managedArns = List.copyOf(managedArns);
        boundary = boundary == null ? null : List.copyOf(boundary);
        unresolved = List.copyOf(unresolved);
        bundled = List.copyOf(bundled);
        errors = List.copyOf(errors);
    }
}
