package io.postureaudit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.inventory.ResourceQueries;
import io.postureaudit.inventory.ResourceVersions;
import io.postureaudit.inventory.ResourceView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole policy documents a principal's evidence names, as stored in its current snapshot, so the finding page
 * can show each document in full with the responsible statement marked. Names follow the policy engine's
 * evidence: {@code inline:NAME}, an attached policy's name, {@code group:G/inline:NAME}, {@code group:G/NAME},
 * {@code boundary:NAME} and {@code assumeRolePolicy}. A document not in the snapshot (an AWS managed policy taken
 * from the bundled library) is simply not shown in full.
 */
@ApplicationScoped
public class EvidenceDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResourceVersions versions;
    private final ResourceQueries resources;

    public EvidenceDocuments(ResourceVersions versions, ResourceQueries resources) {
        this.versions = versions;
        this.resources = resources;
    }

    /** One run of the pretty-printed document; {@code responsible} marks the statement the evidence names. */
    public record Segment(String text, boolean responsible) {
    }

    /** Evidence policy name → its document, for one principal's current version; empty when it has none stored. */
    public Map<String, JsonNode> of(String accountId, String principalArn) {
        Map<String, JsonNode> out = new HashMap<>();
        JsonNode data = current(accountId, principalArn);
        if (data == null) {
            return out;
        }
        if (data.hasNonNull("assumeRolePolicy")) {
            out.put("assumeRolePolicy", data.get("assumeRolePolicy"));
        }
        inline(data.get("inlinePolicies"), "inline:", out);
        attached(accountId, data.get("attachedPolicies"), "", out);
        JsonNode boundary = data.path("permissionsBoundary").path("arn");
        if (boundary.isTextual()) {
            put(out, "boundary:" + boundary.asText().substring(boundary.asText().lastIndexOf('/') + 1),
                    current(accountId, boundary.asText()), "document");
        }
        if (data.path("groups").isArray() && !data.path("groups").isEmpty()) {
            Map<String, Map<String, Object>> groups = new HashMap<>();
            for (ResourceView g : resources.search(new ResourceQueries.Filter("iam.group", accountId, null), 0,
                    Paging.MAX_SIZE).items()) {
                groups.put(String.valueOf(g.data().getOrDefault("groupName", g.name())), g.data());
            }
            for (JsonNode name : data.get("groups")) {
                Map<String, Object> group = groups.get(name.asText());
                if (group != null) {
                    JsonNode groupData = JSON.valueToTree(group);
                    inline(groupData.get("inlinePolicies"), "group:" + name.asText() + "/inline:", out);
                    attached(accountId, groupData.get("attachedPolicies"), "group:" + name.asText() + "/", out);
                }
            }
        }
        return out;
    }

    private void inline(JsonNode policies, String prefix, Map<String, JsonNode> out) {
        if (policies != null && policies.isArray()) {
            for (JsonNode p : policies) {
                if (p.hasNonNull("document")) {
                    out.put(prefix + p.path("policyName").asText(), p.get("document"));
                }
            }
        }
    }

    private void attached(String accountId, JsonNode policies, String prefix, Map<String, JsonNode> out) {
        if (policies != null && policies.isArray()) {
            for (JsonNode p : policies) {
                String arn = p.path("policyArn").asText(null);
                if (arn != null) {
                    put(out, prefix + p.path("policyName").asText(), current(accountId, arn), "document");
                }
            }
        }
    }

    private static void put(Map<String, JsonNode> out, String name, JsonNode data, String field) {
        if (data != null && data.hasNonNull(field)) {
            out.put(name, data.get(field));
        }
    }

    private JsonNode current(String accountId, String arn) {
        return versions.of(accountId, arn).stream().filter(ResourceVersions.Version::current).findFirst()
                .map(ResourceVersions.Version::data).orElse(null);
    }

    /**
     * The document pretty-printed, split so that the statement the evidence names ({@code Sid}, or
     * {@code Statement[i]} by position) is its own segment; a label matching no statement marks nothing.
     */
    static List<Segment> highlight(JsonNode document, String statement) {
        List<Segment> out = new ArrayList<>();
        if (!(document instanceof ObjectNode doc) || !doc.has("Statement")) {
            out.add(new Segment(FindingPage.pretty(document), false));
            return out;
        }
        JsonNode statements = doc.get("Statement");
        boolean array = statements.isArray();
        List<JsonNode> list = new ArrayList<>();
        if (array) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        StringBuilder text = new StringBuilder("{\n");
        doc.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("Statement")) {
                text.append("  ").append(quote(e.getKey())).append(" : ").append(indent(FindingPage.pretty(e.getValue()),
                        "  ")).append(",\n");
            }
        });
        // A single statement object stays an object: the page shows the document as AWS holds it.
        String pad = array ? "    " : "  ";
        text.append(array ? "  \"Statement\" : [\n" : "  \"Statement\" : ");
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            boolean responsible = statement != null && (statement.equals("Statement[" + i + "]")
                    || statement.equals(s.path("Sid").asText(null)));
            String body = (array ? pad : "") + indent(FindingPage.pretty(s), pad);
            if (responsible) {
                out.add(new Segment(text.toString(), false));
                text.setLength(0);
                out.add(new Segment(body, true));
            } else {
                text.append(body);
            }
            text.append(i < list.size() - 1 ? ",\n" : "\n");
        }
        text.append(array ? "  ]\n}" : "}");
        out.add(new Segment(text.toString(), false));
        return out;
    }

    private static String indent(String text, String by) {
        return text.replace("\n", "\n" + by);
    }

    private static String quote(String key) {
        try {
            return JSON.writeValueAsString(key);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"" + key + "\"";
        }
    }
}
