package io.postureaudit.web;

import io.postureaudit.scan.ScanStore;
import io.postureaudit.scan.ScanView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scans: the newest first with status and duration, and one scan's accounts, its coverage matrix (account × region
 * × service: read completely, read with gaps, or not read) and every gap with the error AWS gave.
 */
@Path("/scans")
@Produces(MediaType.TEXT_HTML)
public class ScansPage {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final ScanStore scans;
    private final Clock clock;

    public ScansPage(ScanStore scans, Clock clock) {
        this.scans = scans;
        this.clock = clock;
    }

    /** One scan in the list: the scan, how long it took (or has been running), and its gap count. */
    public record ScanRow(ScanView scan, String duration, int gaps) {
    }

    /** The coverage matrix: service columns, one row per account × region. */
    public record Matrix(List<String> services, List<MatrixRow> rows) {
    }

    /** One account × region of the matrix, a cell per service column. */
    public record MatrixRow(String accountId, String accountName, String region, List<Cell> cells) {
    }

    /**
     * One account × region × service. {@code state}: {@code read} (complete), {@code gap} (attempted, not complete)
     * or {@code none} (not attempted in this scope: nothing was read, so nothing is claimed).
     */
    public record Cell(String service, String state, int resources, int gaps) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance scans(List<ScanRow> items, int limit);

        static native TemplateInstance scan(ScanView scan, String duration, Matrix matrix);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance list(@QueryParam("limit") String limit) {
        long asked = limit == null || limit.isBlank() ? DEFAULT_LIMIT : Paging.id("limit", limit);
        if (asked < 1 || asked > MAX_LIMIT) {
            throw new BadInputException("limit: expected 1 to " + MAX_LIMIT + ", found " + limit);
        }
        Instant now = clock.instant();
        List<ScanRow> rows = scans.latest((int) asked).stream()
                .map(s -> new ScanRow(s, duration(s, now), s.gaps().size())).toList();
        return Templates.scans(rows, (int) asked);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance detail(@PathParam("id") String id) {
        long scanId = Paging.id("id", id);
        ScanView scan = scans.view(scanId).orElseThrow(() -> new NotFoundException("no scan with id " + scanId));
        return Templates.scan(scan, duration(scan, clock.instant()), matrix(scan));
    }

    /** "4 min 12 s"; a running scan counts up to now; a scan without a start shows nothing. */
    static String duration(ScanView scan, Instant now) {
        if (scan.startedAt() == null) {
            return "";
        }
        Instant end = scan.finishedAt() != null ? scan.finishedAt() : now;
        Duration d = Duration.between(scan.startedAt(), end);
        if (d.isNegative()) {
            return "";
        }
        long seconds = d.getSeconds();
        String text = seconds < 60 ? seconds + " s"
                : seconds < 3600 ? (seconds / 60) + " min " + (seconds % 60) + " s"
                : (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
        return scan.finishedAt() == null ? text + "…" : text;
    }

    static Matrix matrix(ScanView scan) {
        Map<String, String> names = new LinkedHashMap<>();
        scan.accounts().forEach(a -> names.put(a.accountId(), a.name()));
        TreeSet<String> services = new TreeSet<>();
        Map<String, Map<String, ScanView.CoverageView>> scopes = new TreeMap<>();
        for (ScanView.CoverageView c : scan.coverage()) {
            services.add(c.service());
            scopes.computeIfAbsent(c.accountId() + "|" + c.region(), k -> new TreeMap<>()).put(c.service(), c);
        }
        Map<String, Integer> gapCounts = new TreeMap<>();
        for (ScanView.GapView g : scan.gaps()) {
            String scope = g.accountId() + "|" + g.region();
            // A gap outside any attempted scope (an account that failed as a whole) still gets its row.
            scopes.computeIfAbsent(scope, k -> new TreeMap<>());
            services.add(g.service());
            gapCounts.merge(scope + "|" + g.service(), 1, Integer::sum);
        }
        List<MatrixRow> rows = new ArrayList<>();
        scopes.forEach((scope, byService) -> {
            String accountId = scope.substring(0, scope.indexOf('|'));
            String region = scope.substring(scope.indexOf('|') + 1);
            List<Cell> cells = new ArrayList<>();
            for (String service : services) {
                ScanView.CoverageView c = byService.get(service);
                int gaps = gapCounts.getOrDefault(scope + "|" + service, 0);
                String state = (c != null && !c.complete()) || gaps > 0 ? "gap" : c != null ? "read" : "none";
                cells.add(new Cell(service, state, c == null ? 0 : c.resources(), gaps));
            }
            rows.add(new MatrixRow(accountId, names.getOrDefault(accountId, accountId), region, cells));
        });
        return new Matrix(List.copyOf(services), rows);
    }
}
