package io.postureaudit.policy.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses a statement's Condition block: operator (with set prefix and IfExists suffix) → key → value(s). */
final class ConditionParser {

    private static final String IF_EXISTS = "ifexists";

    private ConditionParser() {
    }

    static List<Condition> conditions(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new PolicyParseException(path, "an object of condition operators", PolicyParser.describe(node));
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext();) {
            Map.Entry<String, JsonNode> op = ops.next();
            String opPath = path + "." + op.getKey();
            Parsed parsed = operator(op.getKey(), opPath);
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new PolicyParseException(opPath, "an object of condition keys and values",
                        PolicyParser.describe(op.getValue()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = values(key.getValue(), opPath + "." + key.getKey());
                conditions.add(new Condition(op.getKey(), parsed.operator, parsed.set, parsed.ifExists, key.getKey(),
                        values));
            }
        }
        return conditions;
    }

    private record Parsed(ConditionOperator operator, Condition.SetQualifier set, boolean ifExists) {
    }

    private static Parsed operator(String name, String path) {
        String rest = name;
        Condition.SetQualifier set = Condition.SetQualifier.NONE;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("foranyvalue:")) {
            set = Condition.SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (lower.startsWith("forallvalues:")) {
            set = Condition.SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        boolean ifExists = false;
        ConditionOperator operator = ConditionOperator.byName(rest).orElse(null);
        if (operator == null && rest.toLowerCase(Locale.ROOT).endsWith(IF_EXISTS)) {
            operator = ConditionOperator.byName(rest.substring(0, rest.length() - IF_EXISTS.length())).orElse(null);
            ifExists = operator != null;
            if (operator == ConditionOperator.NULL) {
                throw new PolicyParseException(path, "a condition operator (Null takes no IfExists)", name);
            }
        }
        if (operator == null) {
            throw new PolicyParseException(path, "a condition operator such as StringEquals, ArnLike or "
                    + "ForAnyValue:StringLikeIfExists", "\"" + name + "\"");
        }
        return new Parsed(operator, set, ifExists);
    }

    private static List<String> values(JsonNode node, String path) {
        if (node.isArray()) {
            List<String> values = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                values.add(scalar(node.get(i), path + "[" + i + "]"));
            }
            return values;
        }
        return List.of(scalar(node, path));
    }

    // Conditions accept strings, numbers and booleans; IAM compares them by their text.
    private static String scalar(JsonNode node, String path) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new PolicyParseException(path, "a string, number or boolean", PolicyParser.describe(node));
    }
}
