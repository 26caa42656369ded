package io.postureaudit.policy.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses IAM policy documents (JSON text, URL-encoded JSON as IAM's API returns it, a JSON tree or a plain map) into a
 * {@link PolicyDocument}. Every grammar violation becomes a {@link PolicyParseException} naming the element's path.
 */
public final class PolicyParser {

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    private PolicyParser() {
    }

    /** Parses text that is either JSON or URL-encoded JSON. */
    public static PolicyDocument parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PolicyParseException("$", "a policy document", "nothing");
        }
        String json = text.trim();
        if (!json.startsWith("{")) {
            try {
                json = URLDecoder.decode(json, StandardCharsets.UTF_8).trim();
            } catch (IllegalArgumentException e) {
                throw new PolicyParseException("$", "JSON or URL-encoded JSON", "undecodable text (" + e.getMessage() + ")");
            }
        }
        try {
            return parse((JsonNode) Json.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new PolicyParseException("$", "JSON", "invalid text at line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + ")");
        }
    }

    /** Parses a document given as a map (for example a collected resource's normalised {@code document}). */
    public static PolicyDocument parseMap(Map<?, ?> document) {
        return parse((JsonNode) Json.MAPPER.valueToTree(document));
    }

    /** Parses any JSON value: a text node is decoded as text first, so both CLI and API shapes are accepted. */
    public static PolicyDocument parse(JsonNode node) {
        if (node != null && node.isTextual()) {
            return parse(node.asText());
        }
        if (node == null || !node.isObject()) {
            throw new PolicyParseException("$", "a JSON object", describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!TOP_LEVEL.contains(key)) {
                throw new PolicyParseException("$." + key, "one of " + TOP_LEVEL, "unknown element " + key);
            }
        }
        String version = null;
        if (node.has("Version")) {
            JsonNode v = node.get("Version");
            if (!v.isTextual() || !VERSIONS.contains(v.asText())) {
                throw new PolicyParseException("$.Version", "2012-10-17 or 2008-10-17", describe(v));
            }
            version = v.asText();
        }
        String id = node.has("Id") ? text(node.get("Id"), "$.Id") : null;
        JsonNode statements = node.get("Statement");
        List<Statement> parsed = new ArrayList<>();
        if (statements == null) {
            throw new PolicyParseException("$.Statement", "a statement or a list of statements", "none");
        } else if (statements.isObject()) {
            parsed.add(statement(statements, 0, "$.Statement"));
        } else if (statements.isArray()) {
            for (int i = 0; i < statements.size(); i++) {
                parsed.add(statement(statements.get(i), i, "$.Statement[" + i + "]"));
            }
        } else {
            throw new PolicyParseException("$.Statement", "a statement or a list of statements", describe(statements));
        }
        return new PolicyDocument(version, id, parsed);
    }

    private static Statement statement(JsonNode node, int index, String path) {
        if (node == null || !node.isObject()) {
            throw new PolicyParseException(path, "a statement object", describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!STATEMENT_KEYS.contains(key)) {
                throw new PolicyParseException(path + "." + key, "one of " + STATEMENT_KEYS, "unknown element " + key);
            }
        }
        String sid = node.has("Sid") ? text(node.get("Sid"), path + ".Sid") : null;
        JsonNode effectNode = node.get("Effect");
        Effect effect;
        if (effectNode == null) {
            throw new PolicyParseException(path + ".Effect", "Allow or Deny", "none");
        } else if ("Allow".equals(effectNode.asText(null))) {
            effect = Effect.ALLOW;
        } else if ("Deny".equals(effectNode.asText(null))) {
            effect = Effect.DENY;
        } else {
            throw new PolicyParseException(path + ".Effect", "Allow or Deny", describe(effectNode));
        }
        String actionKey = exactlyOne(node, path, "Action", "NotAction", true);
        List<String> actions = strings(node.get(actionKey), path + "." + actionKey);
        for (int i = 0; i < actions.size(); i++) {
            if (!isAction(actions.get(i))) {
                throw new PolicyParseException(path + "." + actionKey + "[" + i + "]", "\"*\" or service:Action",
                        "\"" + actions.get(i) + "\"");
            }
        }
        String resourceKey = exactlyOne(node, path, "Resource", "NotResource", false);
        List<String> resources = resourceKey == null ? null : strings(node.get(resourceKey), path + "." + resourceKey);
        String principalKey = exactlyOne(node, path, "Principal", "NotPrincipal", false);
        PrincipalSpec principal = principalKey == null ? null
                : principal(node.get(principalKey), path + "." + principalKey);
        List<Condition> conditions = node.has("Condition")
                ? ConditionParser.conditions(node.get("Condition"), path + ".Condition") : List.of();
        return new Statement(sid, index, effect, actions, "NotAction".equals(actionKey), resources,
                "NotResource".equals(resourceKey), principal, "NotPrincipal".equals(principalKey), conditions);
    }

    private static String exactlyOne(JsonNode node, String path, String positive, String negative, boolean required) {
        boolean hasPositive = node.has(positive);
        boolean hasNegative = node.has(negative);
        if (hasPositive && hasNegative) {
            throw new PolicyParseException(path + "." + negative, "either " + positive + " or " + negative, "both");
        }
        if (!hasPositive && !hasNegative) {
            if (required) {
                throw new PolicyParseException(path + "." + positive, positive + " or " + negative, "neither");
            }
            return null;
        }
        return hasPositive ? positive : negative;
    }

    private static PrincipalSpec principal(JsonNode node, String path) {
        if (node.isTextual()) {
            if (!"*".equals(node.asText())) {
                throw new PolicyParseException(path, "\"*\" or an object of AWS/Service/Federated/CanonicalUser",
                        "\"" + node.asText() + "\"");
            }
            return new PrincipalSpec(true, Map.of());
        }
        if (!node.isObject()) {
            throw new PolicyParseException(path, "\"*\" or an object of AWS/Service/Federated/CanonicalUser",
                    describe(node));
        }
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PrincipalSpec.KINDS.contains(e.getKey())) {
                throw new PolicyParseException(path + "." + e.getKey(), "one of " + PrincipalSpec.KINDS,
                        "unknown principal kind " + e.getKey());
            }
            byKind.put(e.getKey(), strings(e.getValue(), path + "." + e.getKey()));
        }
        return new PrincipalSpec(false, byKind);
    }

    /** A string or a non-empty array of strings, as every list-valued element of the grammar allows. */
    static List<String> strings(JsonNode node, String path) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new PolicyParseException(path, "a string or a non-empty array of strings", describe(node));
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), path + "[" + i + "]"));
        }
        return values;
    }

    static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new PolicyParseException(path, "a string", describe(node));
        }
        return node.asText();
    }

    /**
     * The bare wildcard, or a service prefix, one colon and an action name, both non-empty and made of letters,
     * digits, {@code _ . -} and the wildcards {@code * ?}: IAM stores "*:*" and "s3*:Get*" as written, so real accounts
     * contain them. A space or comma never is accepted. (A loop, not a regular expression: every action of every
     * document passes here, and a one-shot run pays for a regex engine's warm-up.)
     */
    static boolean isAction(String action) {
        if ("*".equals(action)) {
            return true;
        }
        int colon = action.indexOf(':');
        if (colon <= 0 || colon == action.length() - 1) {
            return false;
        }
        for (int i = 0; i < action.length(); i++) {
            char c = action.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                    || c == '.' || c == '-' || c == '*' || c == '?';
            if (!allowed && i != colon) {
                return false;
            }
        }
        return true;
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        return node.getNodeType().name().toLowerCase() + " " + node;
    }

    // Only text and maps need the mapper; documents given as trees (the CLI, imports) do not pay for its start-up.
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
