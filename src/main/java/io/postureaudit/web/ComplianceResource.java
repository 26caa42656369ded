package io.postureaudit.web;

import io.postureaudit.findings.ComplianceQueries;
import io.postureaudit.rules.ComplianceFrameworks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Compliance frameworks (CIS v3.0.0 / v4.0.1, FSBP) mapped to rules, and each control's state from findings. */
@Path("/api/compliance")
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    private final ComplianceFrameworks frameworks;
    private final ComplianceQueries queries;

    public ComplianceResource(ComplianceFrameworks frameworks, ComplianceQueries queries) {
        this.frameworks = frameworks;
        this.queries = queries;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<ComplianceFrameworks.Framework> list() {
        return frameworks.all();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public ComplianceQueries.Report report(@PathParam("id") String id, @QueryParam("account") String account) {
        return queries.report(id, account == null || account.isBlank() ? null : account.strip());
    }
}
