package io.postureaudit.web;

import io.postureaudit.drift.BaselineService;
import io.postureaudit.drift.ChangeQueries;
import io.postureaudit.drift.ChangeView;
import io.postureaudit.drift.DriftScores;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The changes page: drift per account and the change records, newest first, filterable by account and type; admins
 * accept a baseline from it (a form carrying the CSRF token). Every AWS-originated value is escaped by Qute.
 */
@Path("/changes")
@Produces(MediaType.TEXT_HTML)
public class ChangesPage {

    private final ChangeQueries changes;
    private final DriftScores drift;
    private final BaselineService baselines;
    private final SecurityIdentity identity;

    public ChangesPage(ChangeQueries changes, DriftScores drift, BaselineService baselines, SecurityIdentity identity) {
        this.changes = changes;
        this.drift = drift;
        this.baselines = baselines;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance changes(List<Row> items, long total, List<DriftScores.Drift> drift,
                String account, String type, int page, int size, boolean admin);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance page(@QueryParam("account") String account, @QueryParam("type") String type,
            @QueryParam("page") String page) {
        String accountFilter = ChangeResource.account(account);
        String typeFilter = type == null || type.isBlank() ? null : type.strip();
        int pageNumber = Paging.page(page);
        int size = 100;
        ChangeQueries.Page result = changes.search(new ChangeQueries.Filter(accountFilter, typeFilter, null, null),
                pageNumber, size);
        return Templates.changes(result.items().stream().map(Row::of).toList(), result.total(), drift.current(accountFilter),
                accountFilter == null ? "" : accountFilter, typeFilter == null ? "" : typeFilter, pageNumber, size,
                identity.hasRole(Roles.ADMIN));
    }

    /** One table row: the change and its effect and actor as plain text lists (the page shows at most 8 actions). */
    public record Row(ChangeView change, boolean hasEffect, String granted, String revoked, String trustAdded,
            String risksAdded, String principals, String actor, String userAgent, List<String> paths) {

        static Row of(ChangeView c) {
            Map<String, Object> e = c.effect() == null ? Map.of() : c.effect();
            Map<String, Object> a = c.actor() == null ? Map.of() : c.actor();
            Object who = a.get("userName") != null ? a.get("userName") : a.get("principal");
            List<String> paths = c.fields().stream().limit(5).map(f -> f.path().isEmpty() ? "(whole resource)"
                    : f.path()).toList();
            return new Row(c, c.effect() != null, text(e.get("granted")), text(e.get("revoked")),
                    text(e.get("trustAdded")), text(e.get("risksAdded")), text(e.get("principals")),
                    who == null ? "" : who.toString(), a.get("userAgent") == null ? "" : a.get("userAgent").toString(),
                    paths);
        }

        private static String text(Object value) {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                return "";
            }
            String shown = list.stream().limit(8).map(String::valueOf).collect(Collectors.joining(", "));
            return list.size() > 8 ? shown + " … (" + list.size() + ")" : shown;
        }
    }

    @POST
    @Path("baseline")
    @RolesAllowed(Roles.ADMIN)
    @Produces(MediaType.TEXT_HTML)
    public Response acceptBaseline(@RestForm("account") String account) {
        String id = ChangeResource.account(account);
        if (id == null) {
            throw new BadInputException("account: expected the 12-digit id of the account to baseline, found none");
        }
        baselines.accept(id, identity.getPrincipal().getName());
        return Response.seeOther(URI.create("/changes?account=" + id)).build();
    }
}
