package io.postureaudit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.findings.FindingQueries;
import io.postureaudit.findings.FindingTriage;
import io.postureaudit.findings.FindingView;
import io.postureaudit.inventory.ResourceVersions;
import io.postureaudit.principals.PrincipalQueries;
import io.postureaudit.rules.CompiledRule;
import io.postureaudit.rules.RuleCatalog;
import io.postureaudit.rules.RuleDefinition;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One finding: what and why, how to fix it, the evidence (the granting statements of a principal's risks, the
 * responsible one highlighted), the resource's JSON with its version history and diffs, the finding's history,
 * the compliance controls it maps to, the gap that holds it and the parts of its principal's analysis not judged,
 * and the suppress and triage forms for admins.
 */
@Path("/findings/{id}")
@Produces(MediaType.TEXT_HTML)
public class FindingPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FindingQueries findings;
    private final RuleCatalog rules;
    private final FindingExportResource exports;
    private final ResourceVersions versions;
    private final PrincipalQueries principals;
    private final EvidenceDocuments documents;

    public FindingPage(FindingQueries findings, RuleCatalog rules, FindingExportResource exports,
            ResourceVersions versions, PrincipalQueries principals, EvidenceDocuments documents) {
        this.documents = documents;
        this.findings = findings;
        this.rules = rules;
        this.exports = exports;
        this.versions = versions;
        this.principals = principals;
    }

    /** One stored version of the resource and what changed from the one before. */
    public record VersionShown(long id, long firstScanId, Instant createdAt, boolean current, String json,
            List<JsonDiff.Change> changes) {
    }

    /** One risk of the principal this finding is about, with the policy statements that grant it. */
    public record RiskShown(String category, String detail, List<EvidenceShown> evidence) {
    }

    /**
     * A granting statement: the policy, the statement (Sid or position) responsible, and the whole document with that
     * statement marked (null when the document is not in the snapshot).
     */
    public record EvidenceShown(String policy, String statement, List<EvidenceDocuments.Segment> document) {
    }

    /** The gap that kept the latest scan from judging this finding, so it kept its status (contract: heldBy). */
    public record HeldShown(Object scanId, String service, String operation, String region, String error,
            String resourceArn) {

        static HeldShown of(Map<String, Object> heldBy) {
            if (heldBy == null) {
                return null;
            }
            return new HeldShown(heldBy.get("scanId"), text(heldBy.get("service")), text(heldBy.get("operation")),
                    text(heldBy.get("region")), text(heldBy.get("error")), text(heldBy.get("resourceArn")));
        }
    }

    /** A part of the principal's analysis that was not judged, and why (a missing read, an unreadable document). */
    public record NotJudgedShown(String part, String reason) {

        static List<NotJudgedShown> of(List<Map<String, Object>> notJudged) {
            return notJudged == null ? List.of() : notJudged.stream()
                    .map(n -> new NotJudgedShown(text(n.get("part")), text(n.get("reason")))).toList();
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    static List<RiskShown> risks(List<Map<String, Object>> risks) {
        return risks(risks, Map.of());
    }

    static List<RiskShown> risks(List<Map<String, Object>> risks, Map<String, JsonNode> documents) {
        List<RiskShown> out = new ArrayList<>();
        for (Map<String, Object> r : risks) {
            List<EvidenceShown> evidence = new ArrayList<>();
            Object e = r.get("evidence");
            if (e instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> m) {
                        String policy = String.valueOf(m.get("policy"));
                        String statement = String.valueOf(m.get("statement"));
                        JsonNode document = documents.get(policy);
                        evidence.add(new EvidenceShown(policy, statement, document == null ? null
                                : EvidenceDocuments.highlight(document, statement)));
                    }
                }
            }
            out.add(new RiskShown(String.valueOf(r.get("category")), String.valueOf(r.get("detail")), evidence));
        }
        return out;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance finding(FindingView f, List<FindingResource.HistoryEntry> history,
                RuleDefinition rule, List<String> controls, List<VersionShown> versions, String currentJson,
                List<RiskShown> risks, List<String> triageStates, String error, HeldShown held,
                List<NotJudgedShown> notJudged);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    public TemplateInstance page(@PathParam("id") String id, @QueryParam("error") String error) {
        long findingId = Paging.id("id", id);
        FindingView f = findings.view(findingId);
        RuleDefinition rule = rules.rules().stream().map(CompiledRule::definition)
                .filter(r -> r.id().equals(f.ruleId())).findFirst().orElse(null);
        List<ResourceVersions.Version> stored = versions.of(f.accountId(), f.resourceArn());
        List<VersionShown> shown = new ArrayList<>();
        for (int i = stored.size() - 1; i >= 0; i--) {
            ResourceVersions.Version v = stored.get(i);
            List<JsonDiff.Change> changes = i == 0 ? List.of() : JsonDiff.between(stored.get(i - 1).data(), v.data());
            shown.add(new VersionShown(v.id(), v.firstScanId(), v.createdAt(), v.current(), pretty(v.data()),
                    changes));
        }
        String current = stored.stream().filter(ResourceVersions.Version::current).map(v -> pretty(v.data()))
                .findFirst().orElse(null);
        PrincipalQueries.PrincipalEntry principal = principals.latest(f.accountId()).stream()
                .filter(p -> p.arn().equals(f.resourceArn())).findFirst().orElse(null);
        List<Map<String, Object>> risks = principal == null ? List.of() : principal.risks();
        return Templates.finding(f, findings.history(findingId).stream().map(FindingResource.HistoryEntry::of)
                .toList(), rule, exports.controls(f.ruleId()), shown, current,
                risks(risks, risks.isEmpty() ? Map.of() : documents.of(f.accountId(), f.resourceArn())),
                FindingTriage.STATES, error,
                HeldShown.of(f.heldBy()), NotJudgedShown.of(principal == null ? null : principal.notJudged()));
    }

    static String pretty(Object json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(json);
        }
    }
}
