package io.postureaudit.web;

import io.postureaudit.notify.OutboxQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The notification outbox for admins: what waits, what was delivered, the dead letters, and a retry. */
@Path("/api/outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class OutboxResource {

    private final OutboxQueries outbox;

    public OutboxResource(OutboxQueries outbox) {
        this.outbox = outbox;
    }

    @GET
    public List<OutboxQueries.OutboxView> list(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw new BadInputException("limit: expected 1 to 1000, found " + size);
        }
        return outbox.list(status == null || status.isBlank() ? null : status.strip(), size);
    }

    @POST
    @Path("{id}/retry")
    public OutboxQueries.OutboxView retry(@PathParam("id") long id) {
        return outbox.retry(id);
    }
}
