package io.postureaudit.web;

import io.postureaudit.findings.FindingInputException;
import io.postureaudit.findings.FindingService;
import io.postureaudit.findings.FindingStateException;
import io.postureaudit.findings.FindingTriage;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The pages' forms: suppress, unsuppress and triage one finding, triage many from the list. Each answers with a
 * redirect back to the page (so reloading does not post twice), carrying the error text when the input was wrong.
 * The CSRF token is checked by {@link io.postureaudit.web.security.CsrfFilter} before any of this runs.
 */
@Path("/findings")
public class FindingActions {

    private final FindingService findings;
    private final FindingTriage triage;
    private final SecurityIdentity identity;

    public FindingActions(FindingService findings, FindingTriage triage, SecurityIdentity identity) {
        this.findings = findings;
        this.triage = triage;
        this.identity = identity;
    }

    @POST
    @Path("{id}/suppress")
    @RolesAllowed(Roles.ADMIN)
    public Response suppress(@PathParam("id") String id, @RestForm String justification,
            @RestForm String expiresAt) {
        long findingId = Paging.id("id", id);
        return back("/findings/" + findingId, () -> findings.suppress(findingId, justification,
                FindingResource.instant("expiresAt", expiresAt), user()));
    }

    @POST
    @Path("{id}/unsuppress")
    @RolesAllowed(Roles.ADMIN)
    public Response unsuppress(@PathParam("id") String id, @RestForm("_csrf") String csrf) {
        long findingId = Paging.id("id", id);
        return back("/findings/" + findingId, () -> findings.unsuppress(findingId, user()));
    }

    @POST
    @Path("{id}/triage")
    @RolesAllowed(Roles.ADMIN)
    public Response triageOne(@PathParam("id") String id, @RestForm String state, @RestForm String note,
            @RestForm String assignee, @RestForm String expiresAt) {
        long findingId = Paging.id("id", id);
        return back("/findings/" + findingId, () -> triage.change(findingId, FindingResource.change(
                new FindingResource.TriageRequest(state, note, assignee, expiresAt)), user()));
    }

    @POST
    @Path("triage")
    @RolesAllowed(Roles.ADMIN)
    public Response triageMany(@RestForm("ids") List<String> ids, @RestForm String state, @RestForm String note,
            @RestForm String assignee, @RestForm String expiresAt, @RestForm String back) {
        String target = "/findings" + (back == null || back.isBlank() || back.contains("//") ? "" : "?" + back);
        return back(target, () -> triage.change(ids == null ? List.of() : ids.stream()
                .map(i -> Paging.id("ids", i)).toList(), FindingResource.change(
                        new FindingResource.TriageRequest(state, note, assignee, expiresAt)), user()));
    }

    private Response back(String page, Runnable action) {
        try {
            action.run();
            return Response.seeOther(URI.create(page)).build();
        } catch (FindingInputException | FindingStateException | BadInputException e) {
            String sep = page.contains("?") ? "&" : "?";
            return Response.seeOther(URI.create(page + sep + "error="
                    + URLEncoder.encode(e.getMessage(), StandardCharsets.UTF_8))).build();
        }
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
