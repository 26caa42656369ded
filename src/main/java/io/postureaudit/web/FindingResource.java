package io.postureaudit.web;

import io.postureaudit.findings.FindingQueries;
import io.postureaudit.findings.FindingService;
import io.postureaudit.findings.FindingView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Findings: filtered lists, one finding with its history, and suppression by admins. */
@Path("/api/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    private final FindingQueries queries;
    private final FindingService findings;
    private final SecurityIdentity identity;

    public FindingResource(FindingQueries queries, FindingService findings, SecurityIdentity identity) {
        this.queries = queries;
        this.findings = findings;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public FindingQueries.Result list(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("account") String account, @QueryParam("ruleId") String ruleId,
            @QueryParam("resourceType") String resourceType, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return queries.search(new FindingQueries.Filter(blank(status), blank(severity), blank(account), blank(ruleId),
                blank(resourceType)), Paging.page(page), Paging.size(size));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public FindingView get(@PathParam("id") long id) {
        return queries.view(id);
    }

    /** One status change, as the history shows it. */
    public record HistoryEntry(String fromStatus, String toStatus, String event, String actor, String reason,
            Long scanId, Instant at) {
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<HistoryEntry> history(@PathParam("id") long id) {
        queries.view(id);
        return queries.history(id).stream().map(h -> new HistoryEntry(h.fromStatus, h.toStatus, h.event, h.actor,
                h.reason, h.scanId, h.at)).toList();
    }

    /** Body of a suppression: why, and optionally until when (ISO-8601). */
    public record SuppressRequest(String justification, String expiresAt) {
    }

    @POST
    @Path("{id}/suppress")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public FindingView suppress(@PathParam("id") long id, SuppressRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("body: expected {\"justification\": …, \"expiresAt\": …}, found nothing");
        }
        Instant expiresAt = null;
        if (request.expiresAt() != null && !request.expiresAt().isBlank()) {
            try {
                expiresAt = Instant.parse(request.expiresAt());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expiresAt: expected an ISO-8601 instant such as "
                        + "2026-12-31T00:00:00Z, found '" + request.expiresAt() + "'");
            }
        }
        findings.suppress(id, request.justification(), expiresAt, identity.getPrincipal().getName());
        return queries.view(id);
    }

    @POST
    @Path("{id}/unsuppress")
    @RolesAllowed(Roles.ADMIN)
    public FindingView unsuppress(@PathParam("id") long id) {
        findings.unsuppress(id, identity.getPrincipal().getName());
        return queries.view(id);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
