package io.postureaudit.web;

import io.postureaudit.findings.ScoreQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Posture scores: the latest per account and environment, and their trend over scans. */
@Path("/api/scores")
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {

    private final ScoreQueries scores;

    public ScoreResource(ScoreQueries scores) {
        this.scores = scores;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public ScoreQueries.Current current(@QueryParam("account") String account,
            @QueryParam("environment") String environment) {
        return scores.current(blank(account), blank(environment));
    }

    /** Newest first; {@code environment} alone gives one pooled point per scan. */
    @GET
    @Path("history")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<ScoreQueries.TrendPoint> history(@QueryParam("account") String account,
            @QueryParam("environment") String environment, @QueryParam("limit") String limit) {
        long size = limit == null || limit.isBlank() ? 50 : Paging.id("limit", limit);
        if (size < 1 || size > 1000) {
            throw new BadInputException("limit: expected 1 to 1000, found " + limit);
        }
        return scores.history(blank(account), blank(environment), (int) size);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
