package io.postureaudit.web;

import io.postureaudit.findings.FindingQueries;
import io.postureaudit.findings.FindingView;
import io.postureaudit.scan.ScanStore;
import io.postureaudit.scan.ScanView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The findings page: a server-rendered, filterable table; every value from AWS is HTML-escaped by Qute. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class FindingsPage {

    private final FindingQueries findings;
    private final ScanStore scans;

    public FindingsPage(FindingQueries findings, ScanStore scans) {
        this.findings = findings;
        this.scans = scans;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance findings(List<FindingView> items, long total, String status, String severity,
                String account, ScanView lastScan, int page, int size);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance index(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("account") String account, @QueryParam("page") Integer page) {
        return page(status, severity, account, page);
    }

    @GET
    @Path("findings")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance page(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("account") String account, @QueryParam("page") Integer page) {
        String statusFilter = status == null ? "open" : status.isBlank() ? null : status;
        String severityFilter = severity == null || severity.isBlank() ? null : severity;
        String accountFilter = account == null || account.isBlank() ? null : account;
        int pageNumber = Paging.page(page);
        int size = 100;
        FindingQueries.Result result = findings.search(new FindingQueries.Filter(statusFilter, severityFilter,
                accountFilter, null, null), pageNumber, size);
        ScanView last = scans.latest(1).stream().findFirst().orElse(null);
        return Templates.findings(result.items(), result.total(), statusFilter == null ? "" : statusFilter,
                severityFilter == null ? "" : severityFilter, accountFilter == null ? "" : accountFilter, last,
                pageNumber, size);
    }
}
