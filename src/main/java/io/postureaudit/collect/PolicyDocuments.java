package io.postureaudit.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes IAM policy documents as IAM's API returns them (URL-encoded JSON) or as the CLI prints them (JSON), and
 * normalises their shape for storage and rules: {@code Statement}, {@code Action}, {@code Resource} and the
 * principal values are always lists. Meaning is judged in the policy package, not here.
 */
public final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIST_FIELDS = List.of("Action", "NotAction", "Resource", "NotResource");

    private PolicyDocuments() {
    }

    /** A document that could not be read; {@code path} names the offending element, e.g. {@code Statement[1].Effect}. */
    public static final class MalformedPolicyException extends Exception {
        private final String path;

        public MalformedPolicyException(String path, String message) {
            super(path + ": " + message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** Decodes text (URL-encoded or plain JSON) and normalises it. */
    public static Map<String, Object> decode(String text) throws MalformedPolicyException {
        if (text == null || text.isBlank()) {
            throw new MalformedPolicyException("$", "expected a policy document, found nothing");
        }
        String json = text.trim();
        if (!json.startsWith("{")) {
            try {
                json = URLDecoder.decode(json, StandardCharsets.UTF_8).trim();
            } catch (IllegalArgumentException e) {
                throw new MalformedPolicyException("$", "expected URL-encoded JSON, found undecodable text ("
                        + e.getMessage() + ")");
            }
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException("$", "expected JSON, found invalid text at line "
                    + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        }
        return normalise(node);
    }

    /** Normalises a document that is already a JSON tree (the CLI's output). A text node is decoded first. */
    public static Map<String, Object> normalise(JsonNode node) throws MalformedPolicyException {
        if (node != null && node.isTextual()) {
            return decode(node.asText());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedPolicyException("$", "expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> document.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        JsonNode statements = node.get("Statement");
        if (statements == null) {
            throw new MalformedPolicyException("$.Statement", "expected a statement or a list of statements, found none");
        }
        List<Object> normalised = new ArrayList<>();
        if (statements.isObject()) {
            normalised.add(statement(statements, "$.Statement"));
        } else if (statements.isArray()) {
            for (int i = 0; i < statements.size(); i++) {
                normalised.add(statement(statements.get(i), "$.Statement[" + i + "]"));
            }
        } else {
            throw new MalformedPolicyException("$.Statement", "expected an object or an array, found "
                    + statements.getNodeType().name().toLowerCase());
        }
        document.put("Statement", normalised);
        return document;
    }

    private static Map<String, Object> statement(JsonNode node, String path) throws MalformedPolicyException {
        if (!node.isObject()) {
            throw new MalformedPolicyException(path, "expected a statement object, found "
                    + node.getNodeType().name().toLowerCase());
        }
        Map<String, Object> statement = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (LIST_FIELDS.contains(key)) {
                statement.put(key, stringList(value, path + "." + key));
            } else if (key.equals("Principal") || key.equals("NotPrincipal")) {
                statement.put(key, principal(value, path + "." + key));
            } else {
                statement.put(key, JSON.convertValue(value, Object.class));
            }
        }
        Object effect = statement.get("Effect");
        if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
            throw new MalformedPolicyException(path + ".Effect", "expected \"Allow\" or \"Deny\", found "
                    + (effect == null ? "nothing" : "\"" + effect + "\""));
        }
        if (!statement.containsKey("Action") && !statement.containsKey("NotAction")) {
            throw new MalformedPolicyException(path, "expected Action or NotAction, found neither");
        }
        return statement;
    }

    private static List<String> stringList(JsonNode value, String path) throws MalformedPolicyException {
        List<String> values = new ArrayList<>();
        if (value.isTextual()) {
            values.add(value.asText());
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    throw new MalformedPolicyException(path + "[" + i + "]", "expected a string, found "
                            + value.get(i).getNodeType().name().toLowerCase());
                }
                values.add(value.get(i).asText());
            }
        } else {
            throw new MalformedPolicyException(path, "expected a string or a list of strings, found "
                    + value.getNodeType().name().toLowerCase());
        }
        return values;
    }

    /** {@code "*"} stays {@code "*"}; {@code {"AWS": "x"}} becomes {@code {"AWS": ["x"]}}. */
    private static Object principal(JsonNode value, String path) throws MalformedPolicyException {
        if (value.isTextual()) {
            if (!value.asText().equals("*")) {
                throw new MalformedPolicyException(path, "expected \"*\" or an object, found \"" + value.asText() + "\"");
            }
            return "*";
        }
        if (!value.isObject()) {
            throw new MalformedPolicyException(path, "expected \"*\" or an object, found "
                    + value.getNodeType().name().toLowerCase());
        }
        Map<String, Object> principal = new LinkedHashMap<>();
        var fields = value.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            principal.put(field.getKey(), stringList(field.getValue(), path + "." + field.getKey()));
        }
        return principal;
    }
}
