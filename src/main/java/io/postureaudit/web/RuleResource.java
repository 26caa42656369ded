package io.postureaudit.web;

import io.postureaudit.findings.FindingRegrader;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.rules.RuleDefinition;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** The loaded rule catalogue, and reloading it without a restart (open findings follow severity changes). */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleCatalog catalog;
    private final FindingRegrader regrader;

    public RuleResource(RuleCatalog catalog, FindingRegrader regrader) {
        this.catalog = catalog;
        this.regrader = regrader;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public List<RuleDefinition> list() {
        return catalog.rules().stream().map(CompiledRule::definition).toList();
    }

    /** The operator's rule settings (posture.rules.overrides / posture.rules.accounts) as loaded. */
    @GET
    @Path("settings")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public Map<String, Object> settings() {
        return catalog.settings().describe();
    }

    /** Reloads every rule; a broken rule answers 400 with file, line and reason and the old catalogue stays. */
    @POST
    @Path("reload")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> reload() {
        int loaded = catalog.reload().size();
        return Map.of("loaded", loaded, "regraded", regrader.regrade());
    }
}
