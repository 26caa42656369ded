package io.postureaudit.web;

import io.postureaudit.terraform.TerraformQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Live resources against Terraform state: status per resource, IaC coverage, and the states that could not be read. */
@Path("/api/terraform")
@Produces(MediaType.APPLICATION_JSON)
public class TerraformResource {

    private final TerraformQueries terraform;

    public TerraformResource(TerraformQueries terraform) {
        this.terraform = terraform;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TerraformQueries.TerraformView current(@QueryParam("account") String account) {
        String id = account == null || account.isBlank() ? null : account.strip();
        if (id != null && !id.matches("\\d{12}")) {
            throw new BadInputException("account: expected a 12-digit AWS account id, found '" + id + "'");
        }
        return terraform.current(id);
    }
}
