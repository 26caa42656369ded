package io.postureaudit.web;

import io.postureaudit.principals.PolicyQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Customer managed and inline policies analysed on their own, with what they are attached to. */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyQueries policies;

    public PolicyResource(PolicyQueries policies) {
        this.policies = policies;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<PolicyQueries.PolicyEntry> list(@QueryParam("account") String account) {
        if (account != null && !account.isBlank() && !account.strip().matches("\\d{12}")) {
            throw new BadInputException("account: expected a 12-digit AWS account id, found '" + account + "'");
        }
        return policies.list(account == null || account.isBlank() ? null : account.strip());
    }
}
