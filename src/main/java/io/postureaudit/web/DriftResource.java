package io.postureaudit.web;

import io.postureaudit.drift.BaselineService;
import io.postureaudit.drift.DriftScores;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Baselines ({@code POST /api/baselines}, admin) and the drift score since them ({@code GET /api/drift}). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    private final BaselineService baselines;
    private final DriftScores scores;
    private final SecurityIdentity identity;

    public DriftResource(BaselineService baselines, DriftScores scores, SecurityIdentity identity) {
        this.baselines = baselines;
        this.scores = scores;
        this.identity = identity;
    }

    @POST
    @Path("baselines")
    @RolesAllowed(Roles.ADMIN)
    public Response accept(@QueryParam("account") String account) {
        String id = ChangeResource.account(account);
        if (id == null) {
            throw new BadInputException("account: expected the 12-digit id of the account to baseline, found none");
        }
        BaselineService.Baseline baseline = baselines.accept(id, identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(baseline).build();
    }

    @GET
    @Path("drift")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<DriftScores.Drift> drift(@QueryParam("account") String account) {
        return scores.current(ChangeResource.account(account));
    }
}
