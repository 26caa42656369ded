package io.postureaudit.web;

import io.postureaudit.report.ActionItem;
import io.postureaudit.report.ActionItemInput;
import io.postureaudit.report.ReportAlreadyPostedException;
import io.postureaudit.report.ReportNotReadyException;
import io.postureaudit.report.ReportRenderer;
import io.postureaudit.report.ReportRequestException;
import io.postureaudit.report.ReportService;
import io.postureaudit.report.ReportView;
import io.postureaudit.report.SlackReportPost;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Study-session reports: request one for a period, list the archive, fetch a format, edit the action items. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final ReportService reports;
    private final SlackReportPost slack;
    private final SecurityIdentity identity;

    public ReportResource(ReportService reports, SlackReportPost slack, SecurityIdentity identity) {
        this.reports = reports;
        this.slack = slack;
        this.identity = identity;
    }

    /** The body of {@code POST /api/reports}; every field is optional; {@code post} also posts it to Slack. */
    public record ReportRequest(String from, String to, String language, Boolean post) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(ReportRequest body) {
        ReportRequest request = body == null ? new ReportRequest(null, null, null, null) : body;
        long id = reports.request(new ReportService.Request(request.from(), request.to(), request.language()), "api",
                identity.getPrincipal().getName(), Boolean.TRUE.equals(request.post()));
        return Response.accepted(Map.of("id", id)).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<ReportView> list() {
        return reports.list();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public ReportView one(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return reports.view(id);
    }

    @GET
    @Path("{id}/report.md")
    @Produces("text/markdown; charset=UTF-8")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public String markdown(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return (String) reports.format(id, "md");
    }

    @GET
    @Path("{id}/report.html")
    @Produces(MediaType.TEXT_HTML + "; charset=UTF-8")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public String html(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return (String) reports.format(id, "html");
    }

    @GET
    @Path("{id}/report.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public Response pdf(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        byte[] pdf = (byte[]) reports.format(id, "pdf");
        return Response.ok(pdf).header("Content-Disposition", "inline; filename=\"" + ReportService.fileName(reports.view(id)) + "\"").build();
    }

    @GET
    @Path("{id}/trend.svg")
    @Produces("image/svg+xml")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public String chart(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return ReportRenderer.chart(reports.model(id));
    }

    @GET
    @Path("{id}/action-items")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<ActionItem.View> items(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return reports.items(id);
    }

    /** Replaces the list; the formats are rendered again with the same figures. */
    @PUT
    @Path("{id}/action-items")
    @RolesAllowed(Roles.ADMIN)
    public List<ActionItem.View> editItems(@PathParam("id") String rawId, List<ActionItemInput> items) {
        long id = Paging.id("id", rawId);
        return reports.editItems(id, items, identity.getPrincipal().getName());
    }

    /** Posts a ready report to the reports channel, once: a second request is a conflict. */
    @POST
    @Path("{id}/slack")
    @RolesAllowed(Roles.ADMIN)
    public Response post(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return Response.accepted(Map.of("outboxId", slack.enqueue(id))).build();
    }

    @ServerExceptionMapper
    public Response badRequest(ReportRequestException e) {
        return ErrorMappers.error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notReady(ReportNotReadyException e) {
        return ErrorMappers.error(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response posted(ReportAlreadyPostedException e) {
        return ErrorMappers.error(Response.Status.CONFLICT, e.getMessage());
    }
}
