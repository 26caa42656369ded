package io.postureaudit.web;

import io.postureaudit.principals.PrincipalQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Principals with their least-privilege score and risks, from each account's latest complete analysis. */
@Path("/api/principals")
@Produces(MediaType.APPLICATION_JSON)
public class PrincipalResource {

    private final PrincipalQueries principals;

    public PrincipalResource(PrincipalQueries principals) {
        this.principals = principals;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<PrincipalQueries.PrincipalEntry> list(@QueryParam("account") String account) {
        if (account != null && !account.isBlank() && !account.strip().matches("\\d{12}")) {
            throw new BadInputException("account: expected a 12-digit AWS account id, found '" + account + "'");
        }
        return principals.latest(account == null || account.isBlank() ? null : account.strip());
    }

    @GET
    @Path("trend")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<PrincipalQueries.ScorePoint> trend(@QueryParam("arn") String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            throw new BadInputException("arn: expected a principal ARN, found '" + arn + "'");
        }
        return principals.trend(arn);
    }
}
