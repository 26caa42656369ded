package io.postureaudit.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts between SDK model objects and JSON trees through the SDK's own field metadata, so that the live path
 * (SDK responses) and the offline import (the CLI's JSON, whose keys are the same member names) feed one set of
 * normalisers. Two directions:
 * <ul>
 *   <li>{@link #read}: CLI JSON → SDK model object (keys matched case-insensitively, so the wire's camelCase also works);</li>
 *   <li>{@link #camelTree}: SDK model object → plain maps/lists with camelCase keys and ISO-8601 instants, for
 *       storing deep structures (WAF statements, GuardDuty finding resources) without a hand-written mapper.</li>
 * </ul>
 */
public final class SdkJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SdkJson() {
    }

    /** A CLI output that does not fit the SDK shape; {@code path} is the JSON path of the offending value. */
    public static final class ShapeException extends RuntimeException {
        public ShapeException(String path, String message) {
            super(path + ": " + message);
        }
    }

    /**
     * Builds an SDK object from CLI JSON. Unknown keys are ignored (newer CLIs print fields this SDK may not know);
     * a value of the wrong kind is an error naming its path.
     */
    @SuppressWarnings("unchecked")
    public static <T> T read(JsonNode node, Supplier<? extends SdkBuilder<?, T>> builder) {
        return (T) build((SdkPojo) builder.get(), node, "$");
    }

    private static Object build(SdkPojo builder, JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ShapeException(path, "expected an object, found " + kind(node));
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        for (SdkField<?> field : builder.sdkFields()) {
            fields.put(field.memberName().toLowerCase(Locale.ROOT), field);
        }
        var entries = node.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            SdkField<?> field = fields.get(entry.getKey().toLowerCase(Locale.ROOT));
            if (field != null && !entry.getValue().isNull()) {
                field.set(builder, value(field, entry.getValue(), path + "." + entry.getKey()));
            }
        }
        return ((SdkBuilder<?, ?>) builder).build();
    }

    private static Object value(SdkField<?> field, JsonNode node, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return build(field.constructor().get(), node, path);
        }
        if (type == MarshallingType.LIST) {
            if (!node.isArray()) {
                throw new ShapeException(path, "expected an array, found " + kind(node));
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(value(member, node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!node.isObject()) {
                throw new ShapeException(path, "expected an object, found " + kind(node));
            }
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), value(member, e.getValue(), path + "." + e.getKey())));
            return map;
        }
        return scalar(type, node, path);
    }

    private static Object scalar(MarshallingType<?> type, JsonNode node, String path) {
        if (type == MarshallingType.STRING) {
            // Policy documents: the CLI prints them as objects, the API carries them as JSON text.
            if (node.isContainerNode()) {
                try {
                    return JSON.writeValueAsString(node);
                } catch (JsonProcessingException e) {
                    throw new ShapeException(path, "could not write back as text: " + e.getOriginalMessage());
                }
            }
            return node.asText();
        }
        if (type == MarshallingType.INSTANT) {
            return Dates.parse(node, path);
        }
        if (type == MarshallingType.BOOLEAN) {
            if (!node.isBoolean() && !(node.isTextual() && node.asText().matches("(?i)true|false"))) {
                throw new ShapeException(path, "expected true or false, found " + node);
            }
            return node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(node.asText());
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asText()));
        }
        if (type == MarshallingType.DOCUMENT) {
            return document(node);
        }
        if (!node.isNumber() && !(node.isTextual() && node.asText().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"))) {
            throw new ShapeException(path, "expected a number, found " + node);
        }
        BigDecimal number = node.decimalValue();
        if (node.isTextual()) {
            number = new BigDecimal(node.asText());
        }
        if (type == MarshallingType.INTEGER) {
            return number.intValue();
        }
        if (type == MarshallingType.LONG) {
            return number.longValue();
        }
        if (type == MarshallingType.DOUBLE) {
            return number.doubleValue();
        }
        if (type == MarshallingType.FLOAT) {
            return number.floatValue();
        }
        if (type == MarshallingType.SHORT) {
            return number.shortValue();
        }
        if (type == MarshallingType.BYTE) {
            return number.byteValue();
        }
        return number;
    }

    private static Document document(JsonNode node) {
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), document(e.getValue())));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>();
            node.forEach(n -> list.add(document(n)));
            return Document.fromList(list);
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(node.decimalValue());
        }
        return node.isNull() ? Document.fromNull() : Document.fromString(node.asText());
    }

    /**
     * Plain Java maps and lists for an SDK object: keys in camelCase, instants as ISO-8601, bytes as base64,
     * absent members left out and empty auto-constructed lists kept as empty lists.
     */
    public static Object camelTree(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (member != null) {
                    map.put(camel(field.memberName()), camelTree(member));
                }
            }
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(camelTree(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), camelTree(v)));
            return out;
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof SdkBytes bytes) {
            return Base64.getEncoder().encodeToString(bytes.asByteArray());
        }
        if (value instanceof Document document) {
            return document.isNull() ? null : JSON.convertValue(JSON.valueToTree(document.unwrap()), Object.class);
        }
        return value;
    }

    /** As {@link #camelTree} but for a structure member, typed as a map (empty for null). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> camelMap(SdkPojo value) {
        return value == null ? new LinkedHashMap<>() : (Map<String, Object>) camelTree(value);
    }

    /** {@code WebACLArn} → {@code webACLArn}; {@code IPSetReferenceStatement} → {@code ipSetReferenceStatement}. */
    public static String camel(String member) {
        if (member.isEmpty() || Character.isLowerCase(member.charAt(0))) {
            return member;
        }
        int upper = 0;
        while (upper < member.length() && Character.isUpperCase(member.charAt(upper))) {
            upper++;
        }
        // A leading acronym stays together: "IPSet" → "ipSet", "ARN" → "arn", "Id" → "id".
        int cut = upper == 1 || upper == member.length() ? upper : upper - 1;
        return member.substring(0, cut).toLowerCase(Locale.ROOT) + member.substring(cut);
    }

    static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A JSON tree for a plain value (used by tests and the importer to show what they read). */
    public static JsonNode tree(Object value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : JSON.valueToTree(value);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }
}
