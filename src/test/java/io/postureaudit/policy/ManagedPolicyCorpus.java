package io.postureaudit.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the AWS managed policy corpus the build extracts to target/managed-policies/latest.json (never committed). */
public final class ManagedPolicyCorpus {

    public static final Path DEFAULT = Path.of("target", "managed-policies", "latest.json");

    private ManagedPolicyCorpus() {
    }

    /** Policy name to document, in name order. */
    public static Map<String, JsonNode> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("expected the managed policy corpus at " + file.toAbsolutePath()
                    + " (written by the npm step at generate-test-resources), found none; run mvn generate-test-resources");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            Map<String, JsonNode> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().get("document"));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
