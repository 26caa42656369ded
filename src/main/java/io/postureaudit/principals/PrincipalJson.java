package io.postureaudit.principals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON for analysis records (risks, suggestions) as the API shows them. */
final class PrincipalJson {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private PrincipalJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("analysis cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
