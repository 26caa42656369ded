package io.postureaudit.policy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One access question for the simulator: who, what action, on which resource, in what context, and the policy
 * documents that apply (JSON objects or strings, plain or URL-encoded JSON). Without any document the question is
 * about the principal's policies in a snapshot ({@link #usesSnapshot()}).
 */
public record SimulationInput(String principal, String action, String resource, String resourceAccount,
        Map<String, Object> context, List<JsonNode> identityPolicies, List<JsonNode> permissionBoundaries,
        JsonNode resourcePolicy, List<List<JsonNode>> serviceControlPolicies) {

    public boolean usesSnapshot() {
        return identityPolicies == null && permissionBoundaries == null
                && (resourcePolicy == null || resourcePolicy.isNull()) && serviceControlPolicies == null;
    }
}
