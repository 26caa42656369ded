package io.postureaudit.web;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.inventory.ResourceQueries;
import io.postureaudit.policy.SnapshotSimulator;
import io.postureaudit.policy.eval.SimulationInput;
import io.postureaudit.principals.PrincipalQueries;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Principals: the list with least-privilege scores, and one principal's risks with their granting statements,
 * escalation paths, unused access, the right-sizing policy to copy, and a "can it do X on Y?" form that asks the
 * simulator with the principal's policies from the latest snapshot.
 */
@Path("/principals")
@Produces(MediaType.TEXT_HTML)
public class PrincipalsPage {

    private final PrincipalQueries principals;
    private final ResourceQueries resources;

    public PrincipalsPage(PrincipalQueries principals, ResourceQueries resources) {
        this.principals = principals;
        this.resources = resources;
    }

    /** The simulator's answer as the page shows it, with the question asked. */
    public record Answer(String action, String resource, SimulateResponse response, String error) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance principals(List<PrincipalQueries.PrincipalEntry> items, String account);

        static native TemplateInstance principal(PrincipalQueries.PrincipalEntry p, List<FindingPage.RiskShown> risks,
                List<FindingPage.RiskShown> escalation, List<FindingPage.RiskShown> unused, String suggestion,
                Map<String, Object> suggestionFacts, Answer answer, List<FindingPage.NotJudgedShown> notJudged);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance list(@QueryParam("account") String account) {
        String filter = FindingFilters.blank(account);
        if (filter != null && !filter.matches("\\d{12}")) {
            throw new BadInputException("account: expected a 12-digit AWS account id, found '" + filter + "'");
        }
        return Templates.principals(principals.latest(filter), filter == null ? "" : filter);
    }

    @GET
    @Path("detail")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance detail(@QueryParam("arn") String arn) {
        return detail(arn, null);
    }

    /** Asks the simulator; reading, not changing, so viewers may too (the form still carries the CSRF token). */
    @POST
    @Path("detail")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance simulate(@QueryParam("arn") String arn, @RestForm String action,
            @RestForm String resource) {
        Answer answer;
        if (action == null || !action.contains(":")) {
            answer = new Answer(nz(action), nz(resource), null, "action: expected 'service:Action', found '"
                    + nz(action) + "'");
        } else {
            String target = resource == null || resource.isBlank() ? "*" : resource.strip();
            List<CollectedResource> snapshot = resources.snapshot();
            SimulateResponse response = SnapshotSimulator.simulate(new SimulationInput(arn, action.strip(), target,
                    null, null, null, null, null, null), snapshot).map(SimulateResponse::of).orElse(null);
            answer = new Answer(action.strip(), target, response, response == null
                    ? "principal " + arn + " is not in the latest snapshot" : null);
        }
        return detail(arn, answer);
    }

    private TemplateInstance detail(String arn, Answer answer) {
        if (arn == null || !arn.startsWith("arn:")) {
            throw new BadInputException("arn: expected a principal ARN, found '" + nz(arn) + "'");
        }
        PrincipalQueries.PrincipalEntry p = principals.latest(accountOf(arn)).stream()
                .filter(e -> e.arn().equals(arn)).findFirst()
                .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no analysed principal " + arn));
        List<FindingPage.RiskShown> risks = FindingPage.risks(p.risks());
        Map<String, Object> facts = p.suggestion() == null ? Map.of() : p.suggestion();
        Object document = facts.get("document");
        return Templates.principal(p, risks,
                risks.stream().filter(r -> r.category().equals("privilege-escalation")).toList(),
                risks.stream().filter(r -> r.category().equals("unused-access")).toList(),
                document == null ? null : FindingPage.pretty(document), facts, answer,
                FindingPage.NotJudgedShown.of(p.notJudged()));
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
