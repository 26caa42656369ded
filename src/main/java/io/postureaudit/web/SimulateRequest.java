package io.postureaudit.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.policy.eval.SimulationInput;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/simulate} exactly as the contract names it. Documents are JSON objects or strings
 * (plain or URL-encoded JSON). Without any policy field the caller means "use this principal's policies from the
 * latest snapshot".
 */
public record SimulateRequest(String principal, String action, String resource, String resourceAccount,
        Map<String, Object> context, List<JsonNode> identityPolicies, List<JsonNode> permissionBoundaries,
        JsonNode resourcePolicy, List<List<JsonNode>> serviceControlPolicies) {

    /** The engine's own question; the field names are the contract's, the record is the engine's. */
    public SimulationInput input() {
        return new SimulationInput(principal, action, resource, resourceAccount, context, identityPolicies,
                permissionBoundaries, resourcePolicy, serviceControlPolicies);
    }
}
