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
            @QueryParam("region") String region, @QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("includeDeleted") String includeDeleted) {
        return resources.search(new ResourceQueries.Filter(blank(type), blank(account), blank(region),
                flag("includeDeleted", includeDeleted)),
                Paging.page(page), Paging.size(size));
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new BadInputException(name + ": expected true or false, found '" + value + "'");
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
