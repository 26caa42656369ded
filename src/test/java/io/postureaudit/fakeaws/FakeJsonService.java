package io.postureaudit.fakeaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Base for services on the JSON 1.1 protocol (KMS, WAFv2, SSO admin, Identity Store, Organizations): the
 * operation comes from {@code X-Amz-Target: Prefix.Operation}, the body is JSON, answers are JSON. State is kept per
 * account and region, as AWS keeps it.
 */
public abstract class FakeJsonService implements ServiceHandler {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String signingName;
    private final String targetPrefix;
    private final Map<String, Object> states = new ConcurrentHashMap<>();
    private volatile int pageSize = 100;

    protected FakeJsonService(String signingName, String targetPrefix) {
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
    }

    /** Largest page the fake hands out, whatever the client asked for (to exercise paging with little data). */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    @Override
    public String signingName() {
        return signingName;
    }

    @Override
    public Protocol protocol() {
        return Protocol.JSON_11;
    }

    @Override
    public String operation(FakeRequest request) {
        String target = request.header("X-Amz-Target");
        if (target == null || !target.startsWith(targetPrefix + ".")) {
            return "Unknown(" + target + ")";
        }
        return target.substring(targetPrefix.length() + 1);
    }

    @Override
    public FakeResponse handle(FakeRequest request, String operation) {
        JsonNode body;
        try {
            body = request.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new AwsFault(400, "SerializationException", "body is not JSON: " + e.getOriginalMessage());
        }
        Object answer = answer(operation, body, request);
        try {
            return FakeResponse.json(JSON.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fake could not write its answer to " + operation, e);
        }
    }

    /** The JSON answer (maps, lists, trees) for one operation; throw {@link AwsFault} for service errors. */
    protected abstract Object answer(String operation, JsonNode body, FakeRequest request);

    @SuppressWarnings("unchecked")
    protected <S> S state(String accountId, String region, Supplier<S> create) {
        return (S) states.computeIfAbsent(accountId + "/" + region, k -> create.get());
    }

    protected AwsFault unknown(String operation) {
        return new AwsFault(400, "UnknownOperationException", "the fake " + signingName + " does not serve "
                + operation);
    }

    /** One page of {@code all} from an opaque token (an index here), and the token for the next page or null. */
    public record Page<T>(List<T> items, String next) {
    }

    protected <T> Page<T> page(List<T> all, JsonNode token, JsonNode requestedMax) {
        int start = token == null || token.isNull() || token.asText().isEmpty() ? 0
                : Integer.parseInt(token.asText().substring(2));
        int max = Math.min(pageSize, requestedMax == null || requestedMax.isNull() ? 100 : requestedMax.asInt());
        int end = Math.min(all.size(), start + max);
        List<T> items = new ArrayList<>(all.subList(Math.min(start, all.size()), end));
        return new Page<>(items, end < all.size() ? "p-" + end : null);
    }

    /** Puts the page's items under {@code listKey} and its token under {@code tokenKey} when there is one. */
    protected <T> ObjectNode paged(List<T> all, JsonNode body, String tokenKey, String maxKey, String listKey) {
        Page<T> page = page(all, body.get(tokenKey), body.get(maxKey));
        ObjectNode out = JSON.createObjectNode();
        out.set(listKey, JSON.valueToTree(page.items()));
        if (page.next() != null) {
            out.put(tokenKey, page.next());
        }
        return out;
    }

    protected static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw new AwsFault(400, "ValidationException", "1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return n.asText();
    }

    /** Parses JSON text for fixtures. */
    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fixture is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
