package io.postureaudit.web;

import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.findings.FindingQueries;
import io.postureaudit.findings.ScoreQueries;
import io.postureaudit.principals.PrincipalQueries;
import io.postureaudit.scan.ScanStore;
import io.postureaudit.scan.ScanView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overview: posture score per account and environment with its trend, open findings by severity and service,
 * the last scan's coverage and gaps, the riskiest principals, and what the last scan found changed.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OverviewPage {

    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

    private final ScoreQueries scores;
    private final FindingQueries findings;
    private final ScanStore scans;
    private final PrincipalQueries principals;
    private final ChangeSummaries changes;

    public OverviewPage(ScoreQueries scores, FindingQueries findings, ScanStore scans, PrincipalQueries principals,
            ChangeSummaries changes) {
        this.scores = scores;
        this.findings = findings;
        this.scans = scans;
        this.principals = principals;
        this.changes = changes;
    }

    /** One row of the severity × service table: the service and its counts in severity order, and the total. */
    public record ServiceRow(String service, List<Long> counts, long total) {
    }

    /** Coverage of one account × region in the last scan: complete services and the ones with gaps. */
    public record CoverageRow(String accountId, String region, List<String> complete, List<String> incomplete) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(ScoreQueries.Current current, TrendChart.Chart trend,
                List<String> severities, List<ServiceRow> services, ScanView lastScan, List<CoverageRow> coverage,
                List<PrincipalQueries.PrincipalEntry> riskiest, ChangeSummaries.Summary changes);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance overview() {
        Map<String, long[]> byService = new TreeMap<>();
        for (Object[] row : findings.openByTypeAndSeverity()) {
            long[] counts = byService.computeIfAbsent(ResourceTypes.service((String) row[0]), k -> new long[5]);
            counts[Math.max(0, SEVERITIES.indexOf((String) row[1]))] += (Long) row[2];
        }
        List<ServiceRow> services = new ArrayList<>();
        byService.forEach((service, counts) -> services.add(new ServiceRow(service,
                java.util.Arrays.stream(counts).boxed().toList(), java.util.Arrays.stream(counts).sum())));
        ScanView last = scans.latest(1).stream().findFirst().orElse(null);
        List<PrincipalQueries.PrincipalEntry> riskiest = principals.latest(null).stream()
                .filter(p -> !p.risks().isEmpty()).limit(10).toList();
        return Templates.overview(scores.current(null, null), TrendChart.of(scores.history(null, null, 300)),
                SEVERITIES, services, last, coverage(last), riskiest, changes.of(last == null ? null : last.id()));
    }

    static List<CoverageRow> coverage(ScanView scan) {
        if (scan == null || scan.coverage() == null) {
            return List.of();
        }
        Map<String, CoverageRow> rows = new TreeMap<>();
        for (ScanView.CoverageView c : scan.coverage()) {
            CoverageRow row = rows.computeIfAbsent(c.accountId() + "|" + c.region(),
                    k -> new CoverageRow(c.accountId(), c.region(), new ArrayList<>(), new ArrayList<>()));
            (c.complete() ? row.complete() : row.incomplete()).add(c.service());
        }
        return List.copyOf(rows.values());
    }
}
