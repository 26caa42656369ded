package io.postureaudit.terraform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Policy documents as state holds them (JSON text) turned into JSON values for people to read. */
final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    /** The parsed document when the text is JSON, else the text itself (null stays null). */
    static Object readable(Object document) {
        if (document instanceof String text && !text.isBlank()) {
            try {
                return JSON.readValue(text, new TypeReference<Map<String, Object>>() {
                });
            } catch (java.io.IOException e) {
                return text;
            }
        }
        return document instanceof String s && s.isBlank() ? null : document;
    }
}
