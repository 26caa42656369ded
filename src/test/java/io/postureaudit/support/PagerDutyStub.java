package io.postureaudit.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for PagerDuty's Events API v2 ({@code POST /v2/enqueue}): checks the body as PagerDuty does
 * (routing key, event action, dedup key, payload summary/source/severity for triggers), answers 202 with
 * {@code status/message/dedup_key}, 400 for an invalid event, and 429 or 5xx when told to.
 */
public final class PagerDutyStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Deque<Integer> failures = new ArrayDeque<>();

    public PagerDutyStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("PagerDuty stub could not bind a local port", e);
        }
        server.createContext("/v2/enqueue", this::serve);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
    }

    /** Events accepted (202), in order. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
        synchronized (this) {
            failures.clear();
        }
    }

    /** The next request is answered with this HTTP status (429, 500, ...). */
    public synchronized void failNext(int status) {
        failures.add(status);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            Integer failure;
            synchronized (this) {
                failure = failures.poll();
            }
            if (failure != null) {
                if (failure == 429) {
                    exchange.getResponseHeaders().set("Retry-After", "2");
                }
                answer(exchange, failure, "{\"status\":\"throttled\",\"message\":\"Requests for this service are "
                        + "arriving too quickly.\"}");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                answer(exchange, 400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"Malformed JSON\"]}");
                return;
            }
            String error = invalid(body, exchange.getRequestHeaders().getFirst("Content-Type"));
            if (error != null) {
                answer(exchange, 400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"" + error + "\"]}");
                return;
            }
            events.add(body);
            answer(exchange, 202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
                    + body.get("dedup_key").asText() + "\"}");
        }
    }

    private static String invalid(JsonNode b, String contentType) {
        if (contentType == null || !contentType.startsWith("application/json")) {
            return "Content-Type must be application/json";
        }
        if (b.path("routing_key").asText().length() != 32) {
            return "'routing_key' must be a 32-character integration key";
        }
        String action = b.path("event_action").asText();
        if (!List.of("trigger", "acknowledge", "resolve").contains(action)) {
            return "'event_action' is invalid";
        }
        if (!action.equals("trigger")) {
            return b.path("dedup_key").asText().isEmpty() ? "'dedup_key' is required" : null;
        }
        JsonNode p = b.path("payload");
        if (p.path("summary").asText().isEmpty() || p.path("summary").asText().length() > 1024) {
            return "'payload.summary' is missing or longer than 1024";
        }
        if (p.path("source").asText().isEmpty()) {
            return "'payload.source' is missing";
        }
        if (!List.of("critical", "error", "warning", "info").contains(p.path("severity").asText())) {
            return "'payload.severity' is invalid";
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
