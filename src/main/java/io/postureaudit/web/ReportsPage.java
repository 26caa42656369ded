package io.postureaudit.web;

import io.postureaudit.config.PostureConfig;
import io.postureaudit.report.ActionItem;
import io.postureaudit.report.ActionItemInput;
import io.postureaudit.report.Formats;
import io.postureaudit.report.ReportRenderer;
import io.postureaudit.report.ReportRequestException;
import io.postureaudit.report.ReportService;
import io.postureaudit.report.ReportView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The reports pages: the archive with a form to generate one, and one report with its action items to edit. */
@Path("/reports")
@Produces(MediaType.TEXT_HTML)
public class ReportsPage {

    private final ReportService reports;
    private final PostureConfig config;
    private final SecurityIdentity identity;

    public ReportsPage(ReportService reports, PostureConfig config, SecurityIdentity identity) {
        this.reports = reports;
        this.config = config;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ReportView> reports, boolean admin, Formats fmt, String from,
                String to, String language, String error);

        static native TemplateInstance view(ReportView report, List<ActionItem.View> items, String chart,
                boolean admin, String error);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance list() {
        return list("", "", config.report().language(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response generate(@FormParam("from") String from, @FormParam("to") String to,
            @FormParam("language") String language) {
        try {
            long id = reports.request(new ReportService.Request(from, to, language), "web",
                    identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/reports/" + id)).build();
        } catch (ReportRequestException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(list(orEmpty(from), orEmpty(to), orEmpty(language), e.getMessage())).build();
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance view(@PathParam("id") String rawId) {
        long id = Paging.id("id", rawId);
        return view(id, null);
    }

    /** The edit form posts parallel lists (id, text, owner, status per row); an empty text removes the row. */
    @POST
    @Path("{id}/action-items")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response editItems(@PathParam("id") String rawId, @FormParam("id") List<String> ids,
            @FormParam("text") List<String> texts, @FormParam("owner") List<String> owners,
            @FormParam("status") List<String> statuses) {
        long id = Paging.id("id", rawId);
        List<ActionItemInput> items = new ArrayList<>();
        try {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                if (text == null || text.isBlank()) {
                    continue;
                }
                String rowId = i < ids.size() ? ids.get(i) : "";
                items.add(new ActionItemInput(rowId == null || rowId.isBlank() ? null : parseId(rowId), text,
                        i < owners.size() ? owners.get(i) : null, i < statuses.size() ? statuses.get(i) : null));
            }
            reports.editItems(id, items, identity.getPrincipal().getName());
            return Response.seeOther(URI.create("/reports/" + id)).build();
        } catch (ReportRequestException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(view(id, e.getMessage())).build();
        }
    }

    private TemplateInstance list(String from, String to, String language, String error) {
        return Templates.list(reports.list(), identity.hasRole(Roles.ADMIN), new Formats(config.report().zone()),
                from, to, language, error);
    }

    private TemplateInstance view(long id, String error) {
        ReportView report = reports.view(id);
        boolean ready = "ready".equals(report.status());
        return Templates.view(report, ready ? reports.items(id) : List.of(),
                ready ? ReportRenderer.chart(reports.model(id)) : "", identity.hasRole(Roles.ADMIN), error);
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ReportRequestException("id: expected the number of an action item, found '" + value + "'");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
