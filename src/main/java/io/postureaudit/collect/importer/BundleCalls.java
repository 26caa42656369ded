package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.collect.OfflineCallException;
import io.postureaudit.collect.SdkJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * One service's outputs in one region of a bundle, answering SDK requests the way AWS would: the outputs that
 * belong to the request's resource (by {@code @request}, by what the output names, or as the only candidate),
 * served page by page through the SDK's own token members, read into the SDK response type by {@link SdkJson}.
 * What the bundle lacks is an {@link OfflineCallException} starting {@code NotInBundle:}, which the collector
 * records as a gap exactly where a failed live call would be recorded.
 */
final class BundleCalls {

    /** Request members that carry a page token; response members that carry the next one or say "more". */
    private static final List<String> TOKENS = List.of("NextToken", "NextMarker", "Marker");
    private static final List<String> TRUNCATED = List.of("Truncated", "IsTruncated");
    private static final String PAGE = "@page:";
    /** The member of an output that records the error the CLI printed instead of an output. */
    static final String ERROR = "@error";

    /**
     * A request member that names the resource a per-resource call is for.
     *
     * @param param     the request member (and the {@code @request} member) holding the id
     * @param field     a member of the output that names the resource too, anywhere in it (null: none)
     * @param listCall  the list call whose ids are the candidates (null: no only-candidate rule)
     * @param listField the member of the list call's output holding those ids (an id, or an array of ids)
     */
    record Key(String param, String field, String listCall, String listField) {

        static Key of(String param, String field) {
            return new Key(param, field, null, null);
        }

        Key listedBy(String call, String member) {
            return new Key(param, field, call, member);
        }
    }

    private final Bundle bundle;
    private final String service;
    private final String region;

    BundleCalls(Bundle bundle, String service, String region) {
        this.bundle = bundle;
        this.service = service;
        this.region = region;
    }

    String region() {
        return region;
    }

    boolean has(String operation) {
        return bundle.has(service, operation, region);
    }

    /** Every output of the call, as the bundle holds it (empty when absent). */
    List<JsonNode> outputs(String operation) {
        return bundle.outputs(service, operation, region);
    }

    /** The answer to {@code request}: its resource's outputs, the page its token asks for. */
    <R> R answer(String operation, SdkRequest request, Supplier<? extends SdkBuilder<?, R>> response, Key... keys) {
        return page(operation, request, mine(operation, request, keys), response);
    }

    /**
     * The outputs of {@code operation} that belong to the resource {@code request} names through {@code keys};
     * a NotInBundle failure when the call is absent or has no output for that resource.
     */
    List<JsonNode> mine(String operation, SdkRequest request, Key... keys) {
        String resource = describe(request, keys);
        if (!has(operation)) {
            throw notInBundle(operation, resource);
        }
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode output : outputs(operation)) {
            if (belongs(output, request, keys)) {
                mine.add(output);
            }
        }
        if (mine.isEmpty() && keys.length > 0) {
            throw notInBundle(operation, resource);
        }
        return mine;
    }

    /** The outputs of {@code operation} for that resource, or empty (also when the call is absent). */
    List<JsonNode> optional(String operation, SdkRequest request, Key... keys) {
        return outputs(operation).stream().filter(o -> belongs(o, request, keys)).toList();
    }

    private boolean belongs(JsonNode output, SdkRequest request, Key... keys) {
        for (Key key : keys) {
            String id = value(request, key.param());
            if (id == null) {
                continue;
            }
            JsonNode given = output.path(Bundle.REQUEST).path(key.param());
            boolean ok;
            if (!given.isMissingNode()) {
                ok = Bundle.matchesId(given.asText(), id);
            } else {
                // An output that names some resource is that resource's; one that names none can only be the
                // only candidate's.
                Set<String> named = new LinkedHashSet<>();
                if (key.field() != null) {
                    collect(output, key.field(), named);
                }
                ok = named.isEmpty() ? onlyCandidate(key) : named.stream().anyMatch(v -> Bundle.matchesId(v, id));
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True when the region's list call names exactly one resource, so an anonymous output can only be its. */
    private boolean onlyCandidate(Key key) {
        if (key.listCall() == null) {
            return false;
        }
        Set<String> ids = new LinkedHashSet<>();
        outputs(key.listCall()).forEach(o -> collect(o, key.listField(), ids));
        return ids.size() == 1;
    }

    private static void collect(JsonNode node, String field, Set<String> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, field, into));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equalsIgnoreCase(field) && e.getValue().isTextual()) {
                    into.add(e.getValue().asText());
                } else if (e.getKey().equalsIgnoreCase(field) && e.getValue().isArray()) {
                    e.getValue().forEach(v -> into.add(v.asText()));
                } else if (!e.getKey().equals(Bundle.REQUEST)) {
                    collect(e.getValue(), field, into);
                }
            });
        }
    }

    /** True when a member called {@code field}, anywhere in {@code node}, holds {@code id}. */
    static boolean names(JsonNode node, String field, String id) {
        Set<String> found = new LinkedHashSet<>();
        collect(node, field, found);
        return found.stream().anyMatch(v -> Bundle.matchesId(v, id));
    }

    /** The value of a request member, as text; null when the request leaves it unset. */
    static String value(SdkRequest request, String member) {
        return request.getValueForField(member, Object.class).map(String::valueOf).orElse(null);
    }

    private static String describe(SdkRequest request, Key... keys) {
        List<String> ids = new ArrayList<>();
        for (Key key : keys) {
            String id = value(request, key.param());
            if (id != null) {
                ids.add(keys.length == 1 ? id : key.param() + " " + id);
            }
        }
        return ids.isEmpty() ? null : String.join(", ", ids);
    }

    /**
     * The page of {@code outputs} that the request's token asks for. Every output but the last gets a token
     * pointing at the next one (so the collector's paginator reads them all); the last keeps its own, so that a
     * truncated CLI output asks for a page the bundle does not have, which is a gap, not a silent cut.
     */
    <R> R page(String operation, SdkRequest request, List<JsonNode> outputs,
            Supplier<? extends SdkBuilder<?, R>> response) {
        String token = null;
        for (String member : TOKENS) {
            token = token != null ? token : value(request, member);
        }
        int index = 0;
        if (token != null && token.startsWith(PAGE)) {
            index = Integer.parseInt(token.substring(PAGE.length()));
        } else if (token != null) {
            throw OfflineCallException.of("NotInBundle: the import has no page of \"" + call(operation)
                    + "\" after the token " + token);
        }
        if (outputs.isEmpty()) {
            return read(operation, SdkJson.tree(Map.of()), response);
        }
        JsonNode output = outputs.get(index);
        if (index < outputs.size() - 1) {
            ObjectNode next = output.deepCopy();
            SdkPojo pojo = (SdkPojo) response.get();
            for (SdkField<?> field : pojo.sdkFields()) {
                if (TOKENS.contains(field.memberName())) {
                    replace(next, field.memberName(), PAGE + (index + 1));
                } else if (TRUNCATED.contains(field.memberName())) {
                    replace(next, field.memberName(), true);
                }
            }
            output = next;
        }
        return read(operation, output, response);
    }

    private static void replace(ObjectNode node, String member, Object value) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            if (names.next().equalsIgnoreCase(member)) {
                names.remove();
            }
        }
        node.set(member, SdkJson.tree(value));
    }

    /**
     * An output read into an SDK type; a shape that does not fit is a gap naming the key and the JSON path. An
     * output {@code {"@error": {"Code", "Message"}}} is the CLI's refusal, answered as the service's error with
     * that code, so that the collector tells a refusal that is a fact from one that is a gap as it does live.
     */
    <R> R read(String operation, JsonNode output, Supplier<? extends SdkBuilder<?, R>> type) {
        if (output.has(ERROR)) {
            throw refusal(operation, output.get(ERROR));
        }
        try {
            return SdkJson.read(output, type);
        } catch (SdkJson.ShapeException e) {
            throw OfflineCallException.of("UnreadableOutput: \"" + call(operation) + "\" " + e.getMessage());
        }
    }

    private RuntimeException refusal(String operation, JsonNode error) {
        String code = error.path("Code").asText(error.path("code").asText(""));
        if (code.isBlank()) {
            return OfflineCallException.of("UnreadableOutput: \"" + call(operation) + "\" @error: expected"
                    + " {\"Code\": \"…\", \"Message\": \"…\"}, found " + error);
        }
        String message = error.path("Message").asText(error.path("message").asText(""));
        return AwsServiceException.builder().statusCode(400).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName(service).build()).build();
    }

    OfflineCallException notInBundle(String operation, String resource) {
        return OfflineCallException.of("NotInBundle: the import has no \"" + call(operation) + "\""
                + (resource == null ? "" : " output for " + resource));
    }

    String call(String operation) {
        return new Bundle.Call(service, operation, region).toString();
    }
}
