package io.postureaudit.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelRuntime;
import io.postureaudit.collect.ResourceTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and compiles one {@code rule.yaml}. Everything wrong with a rule is reported with the file and line of
 * the offending field, so a broken rule is fixed in one look.
 */
public final class RuleLoader {

    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.+?)}}");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> REQUIRED = Set.of("id", "title", "severity", "resource", "condition", "message");
    private static final Set<String> OPTIONAL = Set.of("rationale", "remediation", "references", "tags", "reads");
    private static final Pattern READ = Pattern.compile("[a-z0-9-]+:[A-Z][A-Za-z0-9]*");
    /** The three ways a fix is described: console steps, an AWS CLI command, a Terraform change. */
    public static final List<String> REMEDIATION = List.of("console", "cli", "terraform");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final CelEnvironment cel;

    public RuleLoader(CelEnvironment cel) {
        this.cel = cel;
    }

    private record Field(JsonNode value, int line, boolean block) {
    }

    /**
     * @param source shown in errors, e.g. {@code rules/iam/iam_user_console_without_mfa/rule.yaml}
     * @param folder the rule's folder name, which must equal its id (null to skip the check)
     */
    public CompiledRule load(String source, String folder, String text) {
        Map<String, Field> fields = parse(source, text);
        for (String required : REQUIRED) {
            if (!fields.containsKey(required)) {
                throw new RuleLoadException(source, 1, "missing required field '" + required + "'");
            }
        }
        String id = text(source, fields, "id");
        if (!ID.matcher(id).matches()) {
            throw error(source, fields, "id", "expected an id of lowercase letters, digits and '_', found '" + id + "'");
        }
        if (folder != null && !folder.equals(id)) {
            throw error(source, fields, "id", "expected id to equal its folder name '" + folder + "', found '" + id + "'");
        }
        Severity severity;
        try {
            severity = Severity.parse(text(source, fields, "severity"));
        } catch (IllegalArgumentException e) {
            throw error(source, fields, "severity", "severity: " + e.getMessage());
        }
        List<String> types = strings(source, fields, "resource");
        for (String type : types) {
            if (!ResourceTypes.ALL.contains(type)) {
                throw error(source, fields, "resource", "expected a resource type of " + ResourceTypes.ALL
                        + ", found '" + type + "'");
            }
        }
        String condition = text(source, fields, "condition");
        CelRuntime.Program program = compile(source, fields.get("condition"), condition, true);
        String message = text(source, fields, "message");
        List<Object> parts = messageParts(source, fields.get("message"), message);
        Map<String, String> remediation = new LinkedHashMap<>();
        if (fields.containsKey("remediation")) {
            JsonNode node = fields.get("remediation").value();
            if (!node.isObject()) {
                throw error(source, fields, "remediation", "expected a mapping (console, cli, terraform), found "
                        + node.getNodeType().name().toLowerCase());
            }
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!REMEDIATION.contains(e.getKey())) {
                    throw error(source, fields, "remediation", "unknown remediation kind '" + e.getKey()
                            + "'; expected one of " + REMEDIATION);
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw error(source, fields, "remediation", "expected remediation." + e.getKey()
                            + " to be a non-empty string, found " + e.getValue().getNodeType().name().toLowerCase());
                }
                remediation.put(e.getKey(), e.getValue().asText().strip());
            }
        }
        List<String> reads = optionalStrings(source, fields, "reads");
        for (String read : reads) {
            if (!READ.matcher(read).matches()) {
                throw error(source, fields, "reads", "expected each read as service:Operation (e.g. "
                        + "iam:GetCredentialReport), found '" + read + "'");
            }
        }
        RuleDefinition definition = new RuleDefinition(id, text(source, fields, "title"), severity, types, condition,
                message, fields.containsKey("rationale") ? text(source, fields, "rationale") : "",
                remediation, optionalStrings(source, fields, "references"), optionalStrings(source, fields, "tags"),
                source, reads);
        return new CompiledRule(definition, program, parts);
    }

    private static Map<String, Field> parse(String source, String text) {
        Map<String, Field> fields = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RuleLoadException(source, 1, "expected a YAML mapping of rule fields");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int line = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                JsonNode value = YAML.readTree(parser);
                if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                    throw new RuleLoadException(source, line, "unknown field '" + name + "'; expected one of "
                            + new java.util.TreeSet<>(union()));
                }
                if (fields.containsKey(name)) {
                    throw new RuleLoadException(source, line, "field '" + name + "' is given twice");
                }
                fields.put(name, new Field(value, line, isBlockScalar(lines, line)));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RuleLoadException(source, at == null ? 1 : at.getLineNr(), "invalid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RuleLoadException(source, 1, "unreadable: " + e.getMessage());
        }
        return fields;
    }

    /** A value written as {@code key: >} or {@code key: |} starts on the next line. */
    private static boolean isBlockScalar(String[] lines, int line) {
        if (line < 1 || line > lines.length) {
            return false;
        }
        String text = lines[line - 1];
        int colon = text.indexOf(':');
        String rest = colon < 0 ? "" : text.substring(colon + 1).strip();
        return rest.startsWith(">") || rest.startsWith("|");
    }

    private static Set<String> union() {
        Set<String> all = new java.util.HashSet<>(REQUIRED);
        all.addAll(OPTIONAL);
        return all;
    }

    private CelRuntime.Program compile(String source, Field field, String expression, boolean condition) {
        try {
            return cel.compile(expression, condition);
        } catch (CelValidationException e) {
            int line = field.line();
            if (!e.getErrors().isEmpty()) {
                line += Math.max(0, e.getErrors().get(0).getSourceLocation().getLine() - 1) + (field.block() ? 1 : 0);
            }
            throw new RuleLoadException(source, line, (condition ? "condition" : "message") + " does not compile: "
                    + e.getMessage().replace("\n", " "));
        } catch (CelEnvironment.InvalidExpressionException e) {
            throw new RuleLoadException(source, field.line(), (condition ? "condition: " : "message: ") + e.getMessage());
        }
    }

    private List<Object> messageParts(String source, Field field, String template) {
        List<Object> parts = new ArrayList<>();
        Matcher m = TEMPLATE.matcher(template);
        int last = 0;
        while (m.find()) {
            parts.add(template.substring(last, m.start()));
            parts.add(compile(source, field, m.group(1).trim(), false));
            last = m.end();
        }
        parts.add(template.substring(last));
        if (template.contains("{{") && parts.size() == 1) {
            throw new RuleLoadException(source, field.line(), "message has '{{' without a closing '}}'");
        }
        return parts;
    }

    private static String text(String source, Map<String, Field> fields, String name) {
        JsonNode node = fields.get(name).value();
        if (!node.isTextual() && !node.isNumber() && !node.isBoolean() || node.asText().isBlank()) {
            throw error(source, fields, name, "expected '" + name + "' to be a non-empty string, found "
                    + (node.isTextual() ? "an empty string" : node.getNodeType().name().toLowerCase()));
        }
        return node.asText().strip();
    }

    private static List<String> strings(String source, Map<String, Field> fields, String name) {
        JsonNode node = fields.get(name).value();
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isTextual()) {
                    throw error(source, fields, name, "expected '" + name + "' to list strings, found "
                            + v.getNodeType().name().toLowerCase());
                }
                values.add(v.asText());
            }
            return values;
        }
        throw error(source, fields, name, "expected '" + name + "' to be a string or a non-empty list of strings");
    }

    private static List<String> optionalStrings(String source, Map<String, Field> fields, String name) {
        return fields.containsKey(name) ? strings(source, fields, name) : List.of();
    }

    private static RuleLoadException error(String source, Map<String, Field> fields, String name, String reason) {
        return new RuleLoadException(source, fields.get(name).line(), reason);
    }
}
