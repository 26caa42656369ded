package io.postureaudit.web;

import io.postureaudit.notify.OutboxMessage;
import io.postureaudit.notify.OutboxQueries;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The outbox page for admins: how many messages per status, the newest of one status with their errors, retry. */
@Path("/outbox")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
public class OutboxPage {

    static final int SHOWN = 50;
    private final OutboxQueries outbox;

    public OutboxPage(OutboxQueries outbox) {
        this.outbox = outbox;
    }

    /** One status tab: its name, how many (capped: "10000+"), and whether it is the one shown. */
    public record Tab(String status, String count, boolean current) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance outbox(String status, List<Tab> tabs, List<OutboxQueries.OutboxView> items,
                String total, Long retried, String error);
    }

    /** Opens on the dead letters: they are what needs a person. */
    @GET
    public Response page(@QueryParam("status") String status, @QueryParam("retried") String retried) {
        String chosen = status == null || status.isBlank() ? OutboxMessage.FAILED : status.strip();
        if (!OutboxQueries.STATUSES.contains(chosen)) {
            return Response.status(Response.Status.BAD_REQUEST).entity(render(OutboxMessage.FAILED, null,
                    "status: expected one of " + String.join(", ", OutboxQueries.STATUSES) + "; found '" + chosen
                            + "'")).build();
        }
        Long retriedId = retried == null || retried.isBlank() ? null : id("retried", retried);
        return Response.ok(render(chosen, retriedId, null)).build();
    }

    /** The retry button of a dead letter (form with the CSRF token); back to the pending list, saying so. */
    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("id") String id) {
        long messageId = id("id", id);
        try {
            outbox.retry(messageId);
        } catch (io.postureaudit.notify.OutboxStateException e) {
            return Response.status(Response.Status.CONFLICT).entity(render(OutboxMessage.FAILED, null,
                    e.getMessage())).build();
        }
        return Response.seeOther(URI.create("/outbox?status=" + OutboxMessage.PENDING + "&retried=" + messageId))
                .build();
    }

    private TemplateInstance render(String status, Long retried, String error) {
        Map<String, Long> counts = outbox.counts();
        List<Tab> tabs = OutboxQueries.STATUSES.stream().map(s -> new Tab(s, shown(counts.get(s)), s.equals(status)))
                .toList();
        return Templates.outbox(status, tabs, outbox.list(status, SHOWN), shown(counts.get(status)), retried, error);
    }

    private static String shown(long count) {
        return count > OutboxQueries.COUNT_CAP ? OutboxQueries.COUNT_CAP + "+" : String.valueOf(count);
    }

    private static long id(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(name + ": expected the number of an outbox message, found '" + value + "'");
        }
    }
}
