package io.postureaudit.web;

import io.postureaudit.scan.ScanService;
import io.postureaudit.scan.ScanStore;
import io.postureaudit.scan.ScanView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Starting scans and reading how they went. */
@Path("/api/scans")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    private final ScanService scans;
    private final ScanStore store;

    public ScanResource(ScanService scans, ScanStore store) {
        this.scans = scans;
        this.store = store;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response start() {
        long id = scans.start("api");
        return Response.accepted(Map.of("id", id)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public ScanView get(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return store.view(id).orElseThrow(() -> new NotFoundException("no scan with id " + id));
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<ScanView> list(@QueryParam("limit") String rawLimit) {
        long limit = rawLimit == null || rawLimit.isBlank() ? 20 : Paging.id("limit", rawLimit);
        if (limit < 1 || limit > 200) {
            throw new BadInputException("limit: expected 1 to 200, found " + rawLimit);
        }
        return store.latest((int) limit);
    }
}
