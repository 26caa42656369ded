package io.postureaudit.web;

import io.postureaudit.inventory.ResourceQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The collected inventory: the current version of each resource. */
@Path("/api/resources")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private final ResourceQueries resources;

    public InventoryResource(ResourceQueries resources) {
        this.resources = resources;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public ResourceQueries.Page list(@QueryParam("type") String type, @QueryParam("account") String account,
            @QueryParam("region") String region, @QueryParam("page") String page, @QueryParam("size") String size) {
        return resources.search(new ResourceQueries.Filter(blank(type), blank(account), blank(region)),
                Paging.page(page), Paging.size(size));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
