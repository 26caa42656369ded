package io.postureaudit.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.policy.catalog.ManagedPolicy;
import io.postureaudit.policy.catalog.ManagedPolicyLibrary;
import java.util.LinkedHashMap;
import java.util.Map;

/** The AWS managed policy corpus: every document of the library the build bundles into the jar (never committed). */
public final class ManagedPolicyCorpus {

    private ManagedPolicyCorpus() {
    }

    /** Policy name to document, in name order. */
    public static Map<String, JsonNode> load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (ManagedPolicy p : ManagedPolicyLibrary.bundled().all()) {
            try {
                out.put(p.name(), json.readTree(p.document()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("expected a JSON document for " + p.arn() + " in "
                        + ManagedPolicyLibrary.RESOURCE + ", found: " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }
}
