package io.postureaudit.web;

import io.postureaudit.drift.BaselineService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An admin accepts an account's current state as its drift baseline ({@code POST /api/baselines}). */
@Path("/api/baselines")
@Produces(MediaType.APPLICATION_JSON)
public class BaselineResource {

    private final BaselineService baselines;
    private final SecurityIdentity identity;

    public BaselineResource(BaselineService baselines, SecurityIdentity identity) {
        this.baselines = baselines;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response accept(@QueryParam("account") String account) {
        String id = ChangeResource.account(account);
        if (id == null) {
            throw new BadInputException("account: expected the 12-digit id of the account to baseline, found none");
        }
        BaselineService.Baseline baseline = baselines.accept(id, identity.getPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(baseline).build();
    }
}
