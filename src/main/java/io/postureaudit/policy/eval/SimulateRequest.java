package io.postureaudit.policy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/simulate} exactly as the contract names it. Documents are JSON objects or strings
 * (plain or URL-encoded JSON). Without any policy field the caller means "use this principal's policies from the
 * latest snapshot" ({@link #usesSnapshot()}).
 */
public record SimulateRequest(String principal, String action, String resource, String resourceAccount,
        Map<String, Object> context, List<JsonNode> identityPolicies, List<JsonNode> permissionBoundaries,
        JsonNode resourcePolicy, List<List<JsonNode>> serviceControlPolicies) {

    public boolean usesSnapshot() {
        return identityPolicies == null && permissionBoundaries == null
                && (resourcePolicy == null || resourcePolicy.isNull()) && serviceControlPolicies == null;
    }
}
