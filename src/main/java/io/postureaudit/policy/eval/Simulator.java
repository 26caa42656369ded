package io.postureaudit.policy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.policy.model.PolicyParseException;
import io.postureaudit.policy.model.PolicyParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SimulationInput} into an evaluation. Unnamed documents are named by their place in the request
 * ({@code identityPolicies[0]}, {@code serviceControlPolicies[1][0]}, …) so matched statements point back to them.
 * A malformed document raises {@link PolicyParseException} whose path starts with that place.
 */
public final class Simulator {

    private Simulator() {
    }

    /** Simulates with the documents carried in the request. */
    public static SimulationResult simulate(SimulationInput request) {
        required(request.principal(), "principal");
        required(request.action(), "action");
        List<NamedPolicy> identity = named(request.identityPolicies(), "identityPolicies");
        List<NamedPolicy> boundaries = named(request.permissionBoundaries(), "permissionBoundaries");
        NamedPolicy resourcePolicy = request.resourcePolicy() == null || request.resourcePolicy().isNull() ? null
                : parse(request.resourcePolicy(), "resourcePolicy");
        List<List<NamedPolicy>> scps = new ArrayList<>();
        if (request.serviceControlPolicies() != null) {
            for (int i = 0; i < request.serviceControlPolicies().size(); i++) {
                scps.add(named(request.serviceControlPolicies().get(i), "serviceControlPolicies[" + i + "]"));
            }
        }
        return SimulationResult.of(PolicyEvaluator.evaluate(new EvaluationInput(context(request), identity, boundaries,
                resourcePolicy, scps)));
    }

    /**
     * Simulates with a principal's stored policies (the request carries none). {@code boundaries} is empty when the
     * principal has no permissions boundary.
     */
    public static SimulationResult simulate(SimulationInput request, List<NamedPolicy> identity,
            List<NamedPolicy> boundaries) {
        required(request.principal(), "principal");
        required(request.action(), "action");
        return SimulationResult.of(PolicyEvaluator.evaluate(new EvaluationInput(context(request), identity, boundaries,
                null, List.of())));
    }

    private static RequestContext context(SimulationInput request) {
        return RequestContext.of(request.principal(), request.action(), request.resource(),
                request.resourceAccount(), request.context());
    }

    private static List<NamedPolicy> named(List<JsonNode> documents, String field) {
        List<NamedPolicy> out = new ArrayList<>();
        if (documents != null) {
            for (int i = 0; i < documents.size(); i++) {
                out.add(parse(documents.get(i), field + "[" + i + "]"));
            }
        }
        return out;
    }

    private static NamedPolicy parse(JsonNode document, String name) {
        try {
            return new NamedPolicy(name, PolicyParser.parse(document));
        } catch (PolicyParseException e) {
            throw e.under(name);
        }
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new SimulationInputException(field + ": expected a value, found none");
        }
    }
}
