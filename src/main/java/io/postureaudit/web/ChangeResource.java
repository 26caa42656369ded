package io.postureaudit.web;

import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.drift.ChangeQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** What changed between complete scans: {@code GET /api/changes}. */
@Path("/api/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeResource {

    private final ChangeQueries changes;

    public ChangeResource(ChangeQueries changes) {
        this.changes = changes;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public ChangeQueries.Page list(@QueryParam("account") String account, @QueryParam("type") String type,
            @QueryParam("since") String since, @QueryParam("scan") String scan, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return changes.search(new ChangeQueries.Filter(account(account), type(type), since(since), scan(scan)),
                Paging.page(page), Paging.size(size));
    }

    static String account(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().matches("\\d{12}")) {
            throw new BadInputException("account: expected a 12-digit AWS account id, found '" + value + "'");
        }
        return value.strip();
    }

    private static String type(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ResourceTypes.ALL.contains(value.strip())) {
            throw new BadInputException("type: expected one of " + ResourceTypes.ALL + ", found '" + value + "'");
        }
        return value.strip();
    }

    /** An ISO instant ({@code 2026-11-28T00:00:00Z}) or a date ({@code 2026-11-28}, from its start in UTC). */
    static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new BadInputException("since: expected an ISO-8601 instant such as 2026-11-28T00:00:00Z "
                        + "or a date such as 2026-11-28, found '" + value + "'");
            }
        }
    }

    private static Long scan(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException("scan: expected a scan id (a positive number), found '" + value + "'");
    }
}
