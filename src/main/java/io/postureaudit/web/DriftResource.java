package io.postureaudit.web;

import io.postureaudit.drift.DriftScores;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The drift score since each account's baseline ({@code GET /api/drift}). Its own class path: a resource at
 * {@code /api} would claim every unknown {@code /api/...} path before the others are tried.
 */
@Path("/api/drift")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    private final DriftScores scores;

    public DriftResource(DriftScores scores) {
        this.scores = scores;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<DriftScores.Drift> drift(@QueryParam("account") String account) {
        return scores.current(ChangeResource.account(account));
    }
}
