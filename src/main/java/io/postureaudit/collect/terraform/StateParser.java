package io.postureaudit.collect.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses state format version 4, as Terraform 1.x writes it: {@code resources[]} with {@code module}, {@code mode},
 * {@code type}, {@code name}, {@code provider} and {@code instances[]} (each with an {@code index_key} for
 * {@code count} or {@code for_each}). Data sources and deposed objects are skipped; sensitive values never leave
 * this class (see {@link SensitiveValues}).
 */
public final class StateParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int FORMAT_VERSION = 4;

    private StateParser() {
    }

    public static List<StateInstance> parse(String location, String text) throws StateFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StateFormatException("not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new StateFormatException("expected a JSON object (a Terraform state), found "
                    + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()));
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw new StateFormatException("expected a \"version\" number (Terraform state format), found "
                    + (version == null ? "none" : version.toString()) + ": not a Terraform state file");
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new StateFormatException("state format version " + version.asInt() + ", expected "
                    + FORMAT_VERSION + " (as written by Terraform 1.x)"
                    + (root.has("terraform_version") ? "; written by Terraform " + root.get("terraform_version").asText()
                            : ""));
        }
        JsonNode resources = root.get("resources");
        if (resources == null || resources.isNull()) {
            return List.of();
        }
        if (!resources.isArray()) {
            throw new StateFormatException("expected \"resources\" to be a list, found " + resources.getNodeType()
                    .name().toLowerCase());
        }
        List<StateInstance> out = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            JsonNode resource = resources.get(i);
            if (!"managed".equals(resource.path("mode").asText("managed"))) {
                continue;
            }
            String type = resource.path("type").asText(null);
            String name = resource.path("name").asText(null);
            if (type == null || name == null) {
                throw new StateFormatException("resources[" + i + "]: expected \"type\" and \"name\", found "
                        + resource.fieldNames().next());
            }
            String module = resource.path("module").asText("");
            String base = (module.isEmpty() ? "" : module + ".") + type + "." + name;
            String provider = resource.path("provider").asText("");
            for (JsonNode instance : resource.path("instances")) {
                if (instance.hasNonNull("deposed")) {
                    continue; // an old object waiting to be destroyed, not the one the configuration describes
                }
                Map<String, Object> attributes = SensitiveValues.remove(type, instance.get("attributes"),
                        instance.get("sensitive_attributes"));
                out.add(new StateInstance(location, base + indexSuffix(instance.get("index_key")), type, provider,
                        attributes));
            }
        }
        return out;
    }

    /** {@code [0]} for count, {@code ["key"]} for for_each, nothing for a single instance. */
    static String indexSuffix(JsonNode key) {
        if (key == null || key.isNull()) {
            return "";
        }
        if (key.isNumber()) {
            return "[" + key.asText() + "]";
        }
        return "[\"" + key.asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }
}
