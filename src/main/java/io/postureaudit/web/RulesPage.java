package io.postureaudit.web;

import io.postureaudit.config.PostureConfig;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.rules.RuleDefinition;
import io.postureaudit.rules.RuleSettings;
import io.postureaudit.rules.Severity;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rule catalogue as loaded: each rule's metadata (severity as written and as in force, what it reads, its
 * remediation, references and compliance controls), filterable by service, severity and text; and the operator's
 * settings in force (extra rule folders, global and per-account overrides).
 */
@Path("/rules")
@Produces(MediaType.TEXT_HTML)
public class RulesPage {

    private final RuleCatalog catalog;
    private final FindingExportResource exports;
    private final PostureConfig config;

    public RulesPage(RuleCatalog catalog, FindingExportResource exports, PostureConfig config) {
        this.catalog = catalog;
        this.exports = exports;
        this.config = config;
    }

    /** One rule as the page shows it: the rule, its severity and switch after the global overrides, its controls. */
    public record RuleShown(RuleDefinition rule, String severityInForce, boolean enabled, List<String> controls) {
        public boolean regraded() {
            return !severityInForce.equals(rule.severity().id());
        }
    }

    /** One override in force: where it applies ("all accounts" or an account id), the rule, and what it sets. */
    public record OverrideShown(String scope, String ruleId, String enabled, String severity) {
    }

    /** The filter form's values as the request gave them (blank = any). */
    public record Filters(String service, String severity, String q) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(List<RuleShown> items, int total, Filters filters, List<String> services,
                List<String> severities, List<String> paths, List<OverrideShown> overrides);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance list(@QueryParam("service") String service, @QueryParam("severity") String severity,
            @QueryParam("q") String q) {
        String s = FindingFilters.blank(service);
        String sev = FindingFilters.blank(severity);
        String text = FindingFilters.blank(q);
        List<String> severities = Arrays.stream(Severity.values()).map(Severity::id).toList();
        if (sev != null && !severities.contains(sev)) {
            throw new BadInputException("severity: expected one of " + String.join(", ", severities) + ", found '"
                    + sev + "'");
        }
        RuleSettings settings = catalog.settings();
        List<RuleDefinition> all = catalog.rules().stream().map(CompiledRule::definition).toList();
        TreeSet<String> services = new TreeSet<>();
        all.forEach(r -> services.add(r.service()));
        List<RuleShown> shown = new ArrayList<>();
        for (RuleDefinition r : all) {
            String inForce = settings.severity(r, null).id();
            if ((s == null || r.service().equals(s)) && (sev == null || inForce.equals(sev))
                    && (text == null || matches(r, text))) {
                shown.add(new RuleShown(r, inForce, settings.enabled(r.id(), null), exports.controls(r.id())));
            }
        }
        shown.sort(java.util.Comparator.comparing((RuleShown r) -> r.rule().service())
                .thenComparing(r -> r.rule().id()));
        List<String> paths = config.rules().paths().orElse(List.of()).stream().map(String::valueOf).toList();
        return Templates.rules(shown, all.size(), new Filters(s == null ? "" : s, sev == null ? "" : sev,
                text == null ? "" : text), List.copyOf(services), severities, paths, overrides(settings));
    }

    private static boolean matches(RuleDefinition r, String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return r.id().toLowerCase(Locale.ROOT).contains(needle) || r.title().toLowerCase(Locale.ROOT).contains(needle)
                || r.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle));
    }

    @SuppressWarnings("unchecked")
    static List<OverrideShown> overrides(RuleSettings settings) {
        Map<String, Object> described = settings.describe();
        List<OverrideShown> out = new ArrayList<>();
        ((Map<String, RuleSettings.Override>) described.get("global")).forEach((rule, o) -> out.add(shown("", rule,
                o)));
        ((Map<String, Map<String, RuleSettings.Override>>) described.get("accounts")).forEach((account, rules) ->
                rules.forEach((rule, o) -> out.add(shown(account, rule, o))));
        return out;
    }

    private static OverrideShown shown(String scope, String rule, RuleSettings.Override o) {
        return new OverrideShown(scope, rule, o.enabled() == null ? "" : String.valueOf(o.enabled()),
                o.severity() == null ? "" : o.severity().id());
    }
}
