package io.postureaudit.web;

import io.postureaudit.findings.FindingQueries;
import io.postureaudit.findings.FindingView;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.ComplianceFrameworks;
import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.rules.RuleDefinition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Downloads of the filtered findings list: {@code format=csv} or {@code format=ocsf} (JSON array). */
@Path("/api/findings/export")
public class FindingExportResource {

    static final int MAX_ROWS = 100_000;

    private final FindingQueries queries;
    private final RuleCatalog rules;
    private final ComplianceFrameworks frameworks;
    private final Clock clock;

    public FindingExportResource(FindingQueries queries, RuleCatalog rules, ComplianceFrameworks frameworks,
            Clock clock) {
        this.queries = queries;
        this.rules = rules;
        this.frameworks = frameworks;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public Response export(@QueryParam("format") String format, @BeanParam FindingFilters filters) {
        String chosen = format == null || format.isBlank() ? "csv" : format.strip();
        if (!chosen.equals("csv") && !chosen.equals("ocsf")) {
            throw new BadInputException("format: expected csv or ocsf, found '" + format + "'");
        }
        List<FindingView> findings = queries.all(filters.filter(), filters.sort(), MAX_ROWS);
        Instant now = clock.instant();
        String stamp = now.toString().substring(0, 10);
        if (chosen.equals("csv")) {
            return Response.ok(FindingExports.csv(findings), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"findings-" + stamp + ".csv\"").build();
        }
        Map<String, RuleDefinition> byId = rules.rules().stream().map(CompiledRule::definition)
                .collect(Collectors.toMap(RuleDefinition::id, r -> r, (a, b) -> a));
        return Response.ok(FindingExports.ocsf(findings, byId::get, this::controls, now), "application/json")
                .header("Content-Disposition", "attachment; filename=\"findings-" + stamp + ".ocsf.json\"").build();
    }

    /** "CIS-v3.0.0 1.10"-style names of the framework controls a rule maps to. */
    List<String> controls(String ruleId) {
        List<String> out = new ArrayList<>();
        for (ComplianceFrameworks.Framework f : frameworks.all()) {
            f.controls().forEach((control, ruleIds) -> {
                if (ruleIds.contains(ruleId)) {
                    out.add(f.id() + " " + control);
                }
            });
        }
        return out;
    }
}
