package io.postureaudit.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body in our words: where (field path, line and column) and what, without the
 * parser's class and type names.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        String at = ErrorMappers.at(e.getLocation());
        if (e instanceof JsonParseException) {
            return "body: expected valid JSON, found malformed JSON" + at + " (" + plain(e.getOriginalMessage()) + ")";
        }
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String where = field.isEmpty() ? "body" : field;
        if (e instanceof UnrecognizedPropertyException u) {
            return where + ": unknown field '" + u.getPropertyName() + "'" + at;
        }
        if (e instanceof InvalidFormatException f) {
            return where + ": expected " + kind(f.getTargetType()) + ", found '" + f.getValue() + "'" + at;
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getTargetType() == null) {
                return where + ": expected JSON, found nothing or an incomplete document" + at;
            }
            return where + ": expected " + kind(m.getTargetType()) + at;
        }
        return where + ": the body does not have the expected shape" + at;
    }

    private static String path(JsonMappingException m) {
        return m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A Java type as a person writing JSON thinks of it. */
    static String kind(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO date-time like 2026-12-31T00:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** The parser's sentence, minus the part that quotes our source ("Source: …") and Java type names. */
    private static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.split("\n")[0];
        return first.replaceAll("`[^`]*`", "a value").strip();
    }
}
