package io.postureaudit.web;

import io.postureaudit.inventory.ResourceQueries;
import io.postureaudit.policy.SnapshotSimulator;
import io.postureaudit.policy.UnreadablePolicyException;
import io.postureaudit.policy.eval.SimulationInput;
import io.postureaudit.policy.model.PolicyParseException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers one access question the way AWS's policy evaluation logic would, from the policies given or from the
 * principal's policies in the latest snapshot.
 */
@Path("/api/simulate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulateResource {

    private final ResourceQueries resources;

    public SimulateResource(ResourceQueries resources) {
        this.resources = resources;
    }

    @POST
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public SimulateResponse simulate(SimulateRequest request) {
        if (request == null) {
            throw new BadInputException("body: expected {\"principal\", \"action\", \"resource\", …}, found nothing");
        }
        if (request.action() == null || !request.action().contains(":")) {
            throw new BadInputException("action: expected 'service:Action', found '" + request.action() + "'");
        }
        if (request.resource() == null || request.resource().isBlank()) {
            throw new BadInputException("resource: expected an ARN or '*', found nothing");
        }
        SimulationInput input = request.input();
        List<io.postureaudit.collect.CollectedResource> snapshot = input.usesSnapshot() ? resources.snapshot() : List.of();
        return SnapshotSimulator.simulate(input, snapshot).map(SimulateResponse::of).orElseThrow(() -> new NotFoundException(
                "principal " + request.principal() + " is not in the latest snapshot; give identityPolicies to "
                        + "simulate without one"));
    }

    @ServerExceptionMapper
    public Response unreadable(UnreadablePolicyException e) {
        return ErrorMappers.error(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badPolicy(PolicyParseException e) {
        return ErrorMappers.error(Response.Status.BAD_REQUEST, "policy document " + e.getMessage());
    }
}
