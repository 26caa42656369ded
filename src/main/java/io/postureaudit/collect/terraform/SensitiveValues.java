package io.postureaudit.collect.terraform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Drops secrets from a state instance's attributes before anything else sees them: every path Terraform lists in
 * {@code sensitive_attributes}, the attributes the AWS provider is known to hold secrets in (older providers did
 * not mark all of them), and any attribute whose name says it is a password, secret or private key.
 */
final class SensitiveValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "aws_iam_access_key", Set.of("secret", "ses_smtp_password_v4", "encrypted_secret",
                    "encrypted_ses_smtp_password_v4"),
            "aws_iam_user_login_profile", Set.of("password", "encrypted_password"),
            "aws_iam_service_specific_credential", Set.of("service_password", "service_credential_secret"));

    private SensitiveValues() {
    }

    static Map<String, Object> remove(String type, JsonNode attributes, JsonNode sensitivePaths) {
        if (attributes == null || !attributes.isObject()) {
            return Map.of();
        }
        Map<String, Object> out = JSON.convertValue(attributes, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        if (sensitivePaths != null && sensitivePaths.isArray()) {
            for (JsonNode path : sensitivePaths) {
                removePath(out, path.isArray() ? path : path.path("path"));
            }
        }
        KNOWN.getOrDefault(type, Set.of()).forEach(out::remove);
        out.keySet().removeIf(SensitiveValues::soundsSecret);
        return out;
    }

    private static boolean soundsSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("secret") || n.equals("private_key") || n.endsWith("_private_key");
    }

    /**
     * Follows {@code [{"type":"get_attr","value":"a"},{"type":"index","value":{"value":0,"type":"number"}}]}
     * and removes what it ends on; a path that cannot be followed removes its whole top-level attribute.
     */
    @SuppressWarnings("unchecked")
    private static void removePath(Map<String, Object> attributes, JsonNode steps) {
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            return;
        }
        String top = steps.get(0).path("value").asText(null);
        if (top == null) {
            return;
        }
        Object current = attributes;
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            JsonNode value = step.path("value");
            Object key = value.isObject() ? (value.path("value").isNumber() ? value.path("value").asInt()
                    : value.path("value").asText()) : value.isNumber() ? value.asInt() : value.asText();
            boolean last = i == steps.size() - 1;
            if (current instanceof Map<?, ?> map) {
                Map<String, Object> m = (Map<String, Object>) map;
                if (last) {
                    m.remove(String.valueOf(key));
                    return;
                }
                current = m.get(String.valueOf(key));
            } else if (current instanceof List<?> list && key instanceof Integer index && index < list.size()) {
                if (last) {
                    ((List<Object>) list).set(index, null);
                    return;
                }
                current = list.get(index);
            } else {
                break;
            }
        }
        attributes.remove(top);
    }
}
