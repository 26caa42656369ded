package io.postureaudit.web;

import io.postureaudit.findings.FindingHistory;
import io.postureaudit.findings.FindingQueries;
import io.postureaudit.findings.FindingService;
import io.postureaudit.findings.FindingTriage;
import io.postureaudit.findings.FindingView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
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

/** Findings: filtered lists, one finding with its history, suppression and triage by admins. */
@Path("/api/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    private final FindingQueries queries;
    private final FindingService findings;
    private final FindingTriage triage;
    private final SecurityIdentity identity;

    public FindingResource(FindingQueries queries, FindingService findings, FindingTriage triage,
            SecurityIdentity identity) {
        this.queries = queries;
        this.findings = findings;
        this.triage = triage;
        this.identity = identity;
    }

    /** One page: by number ({@code page}, OFFSET) or, for deep pages, after the previous page's {@code next}. */
    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public FindingQueries.Result list(@BeanParam FindingFilters filters, @QueryParam("page") String page,
            @QueryParam("size") String size, @QueryParam("after") String after) {
        return queries.search(filters.filter(), filters.sort(), Paging.page(page), Paging.size(size),
                FindingFilters.blank(after));
    }

    /** How many findings match, per status, severity and triage state. */
    @GET
    @Path("counts")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public FindingQueries.Counts counts(@BeanParam FindingFilters filters) {
        return queries.counts(filters.filter());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public FindingView get(@PathParam("id") String id) {
        return queries.view(Paging.id("id", id));
    }

    /** One change, as the history shows it: lifecycle status and, for triage, the triage states. */
    public record HistoryEntry(String fromStatus, String toStatus, String event, String actor, String reason,
            Long scanId, Instant at, String fromTriage, String toTriage) {

        static HistoryEntry of(FindingHistory h) {
            return new HistoryEntry(h.fromStatus, h.toStatus, h.event, h.actor, h.reason, h.scanId, h.at,
                    h.fromTriage, h.toTriage);
        }
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<HistoryEntry> history(@PathParam("id") String id) {
        long findingId = Paging.id("id", id);
        queries.view(findingId);
        return queries.history(findingId).stream().map(HistoryEntry::of).toList();
    }

    /** Body of a suppression: why, and optionally until when (ISO-8601). */
    public record SuppressRequest(String justification, String expiresAt) {
    }

    @POST
    @Path("{id}/suppress")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public FindingView suppress(@PathParam("id") String id, SuppressRequest request) {
        if (request == null) {
            throw new BadInputException("body: expected {\"justification\": …, \"expiresAt\": …}, found nothing");
        }
        long findingId = Paging.id("id", id);
        findings.suppress(findingId, request.justification(), instant("expiresAt", request.expiresAt()),
                identity.getPrincipal().getName());
        return queries.view(findingId);
    }

    @POST
    @Path("{id}/unsuppress")
    @RolesAllowed(Roles.ADMIN)
    public FindingView unsuppress(@PathParam("id") String id) {
        long findingId = Paging.id("id", id);
        findings.unsuppress(findingId, identity.getPrincipal().getName());
        return queries.view(findingId);
    }

    /** Body of a triage change (contract): the state, a note, an assignee, an expiry for risk acceptance. */
    public record TriageRequest(String state, String note, String assignee, String expiresAt) {
    }

    @POST
    @Path("{id}/triage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public FindingView triage(@PathParam("id") String id, TriageRequest request) {
        if (request == null) {
            throw new BadInputException("body: expected {\"state\", \"note\", \"assignee\", \"expiresAt\"}, found "
                    + "nothing");
        }
        long findingId = Paging.id("id", id);
        triage.change(findingId, change(request), identity.getPrincipal().getName());
        return queries.view(findingId);
    }

    /** Many findings at once: {@code {"ids": [...], "state", "note", "assignee", "expiresAt"}}. */
    public record BulkTriageRequest(List<Long> ids, String state, String note, String assignee, String expiresAt) {
    }

    @POST
    @Path("triage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public java.util.Map<String, Integer> triageMany(BulkTriageRequest request) {
        if (request == null) {
            throw new BadInputException("body: expected {\"ids\": […], \"state\", …}, found nothing");
        }
        int changed = triage.change(request.ids(), change(new TriageRequest(request.state(), request.note(),
                request.assignee(), request.expiresAt())), identity.getPrincipal().getName());
        return java.util.Map.of("changed", changed);
    }

    static FindingTriage.Change change(TriageRequest request) {
        return new FindingTriage.Change(request.state(), request.note(), request.assignee(),
                instant("expiresAt", request.expiresAt()));
    }

    /** An optional ISO-8601 instant ({@code 2026-12-31T00:00:00Z}) or date ({@code 2026-12-31}, midnight UTC). */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.strip().length() == 10 ? java.time.LocalDate.parse(value.strip())
                    .atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException(name + ": expected an ISO-8601 instant such as 2026-12-31T00:00:00Z or a "
                    + "date such as 2026-12-31, found '" + value + "'");
        }
    }
}
