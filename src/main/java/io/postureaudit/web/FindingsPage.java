package io.postureaudit.web;

import io.postureaudit.findings.FindingQueries;
import io.postureaudit.findings.FindingTriage;
import io.postureaudit.findings.FindingView;
import io.postureaudit.scan.ScanStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The findings list: filters, free text, sort, pages and counts, all in the URL so that a view can be bookmarked and
 * shared; export links for the same filters; bulk triage for admins. Every value from AWS is escaped by Qute.
 */
@Path("/findings")
@Produces(MediaType.TEXT_HTML)
public class FindingsPage {

    static final int PAGE_SIZE = 50;
    static final List<String> SERVICES = List.of("iam", "identitycenter", "waf", "guardduty", "kms");

    private final FindingQueries findings;
    private final ScanStore scans;

    public FindingsPage(FindingQueries findings, ScanStore scans) {
        this.findings = findings;
        this.scans = scans;
    }

    /** The filters as the form shows them again, and as a query string for links. */
    public record Shown(String status, String severity, String triage, String account, String service, String ruleId,
            String resourceType, String q, String sort, String query) {
    }

    /**
     * Where the list is: page numbers for people (from 1) and the links' page parameters (from 0); the next link also
     * carries the cursor after this page ({@code after}), so that a deep page is found through the index.
     */
    public record Pager(int shown, int pages, boolean hasPrev, boolean hasNext, int prev, int next, String after) {
        static Pager of(int page, long total, int size, String after) {
            int pages = (int) Math.max(1, (total + size - 1) / size);
            return new Pager(page + 1, pages, page > 0, page + 1 < pages && after != null,
                    Math.max(0, Math.min(page, pages) - 1), page + 1, after);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance findings(List<FindingView> items, long total, Shown filters,
                FindingQueries.Counts counts, ScanStore.Headline lastScan, Pager pager, List<String> statuses,
                List<String> severities, List<String> services, List<String> triageStates, List<String> sorts,
                String error);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance page(@BeanParam FindingFilters filters, @QueryParam("page") String page,
            @QueryParam("after") String after, @QueryParam("error") String error) {
        // The page opens on what needs attention; "any" is an explicit empty status.
        String status = filters.status == null ? "open" : FindingFilters.blank(filters.status);
        FindingQueries.Filter filter = filters.filter(status);
        int pageNumber = Paging.page(page);
        FindingQueries.Listing listing = findings.listing(filter, filters.sort(), pageNumber, PAGE_SIZE,
                FindingFilters.blank(after));
        FindingQueries.Result result = listing.result();
        ScanStore.Headline last = scans.latestHeadline().orElse(null);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("status", status == null ? "" : status);
        params.put("severity", filter.severity());
        params.put("triage", filter.triage());
        params.put("account", filter.accountId());
        params.put("service", filter.service());
        params.put("ruleId", filter.ruleId());
        params.put("resourceType", filter.resourceType());
        params.put("q", filter.text());
        params.put("sort", filters.sort());
        Shown shown = new Shown(nz(status), nz(filter.severity()), nz(filter.triage()), nz(filter.accountId()),
                nz(filter.service()), nz(filter.ruleId()), nz(filter.resourceType()), nz(filter.text()),
                filters.sort() == null ? "severity" : filters.sort(), query(params));
        return Templates.findings(result.items(), result.total(), shown, listing.counts(), last,
                Pager.of(pageNumber, result.total(), PAGE_SIZE, result.next()), List.of("open", "resolved", "suppressed"),
                List.of("critical", "high", "medium", "low", "info"), SERVICES, FindingTriage.STATES, FindingQueries.SORTS.keySet().stream().sorted().toList(),
                error);
    }

    /** A URL query string of the non-empty values (status kept even when empty: empty means "any"). */
    static String query(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null && (!v.isEmpty() || k.equals("status"))) {
                joined.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
