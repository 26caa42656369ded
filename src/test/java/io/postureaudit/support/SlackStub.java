package io.postureaudit.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Slack's Web API that records each call the SDK makes (method, auth header, form fields)
 * and answers like Slack does, including {@code ok:false} errors and HTTP 429.
 */
public final class SlackStub implements AutoCloseable {

    /** One recorded call. */
    public record Call(String method, String authorization, Map<String, String> fields) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<String> failures = new ArrayDeque<>();
    // Reports (issue #11): the file upload flow, and failures for any method.
    private final Map<String, Deque<String>> methodFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger fileIds = new java.util.concurrent.atomic.AtomicInteger();

    public SlackStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("Slack stub could not bind a local port", e);
        }
        server.createContext("/api/", this::serve);
        server.createContext("/upload/", this::receiveUpload);
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> posts() {
        return calls.stream().filter(c -> c.method().equals("chat.postMessage")).toList();
    }

    public void clear() {
        calls.clear();
    }

    /** The next chat.postMessage answers with this Slack error code ({@code "http429"} for a rate-limit status). */
    public synchronized void failNext(String error) {
        failures.add(error);
    }

    /** The next call of {@code method} answers with this Slack error code ({@code "http429"}: HTTP 429). */
    public void failNext(String method, String error) {
        methodFailures.computeIfAbsent(method, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(error);
    }

    /** The bytes uploaded to each file id's upload URL. */
    public Map<String, byte[]> uploads() {
        return Map.copyOf(uploads);
    }

    /** Like Slack's upload URL: takes the bytes of a file announced by files.getUploadURLExternal. */
    private void receiveUpload(HttpExchange exchange) throws IOException {
        try (exchange) {
            String fileId = exchange.getRequestURI().getPath().substring("/upload/".length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new Call("upload", exchange.getRequestHeaders().getFirst("Authorization"),
                    Map.of("fileId", fileId, "bytes", String.valueOf(body.length))));
            uploads.put(fileId, body);
            byte[] ok = ("OK - " + body.length).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        }
    }

    private String fileAnswer(String method, Map<String, String> fields) {
        if (method.equals("files.getUploadURLExternal")) {
            String id = "F0" + (1000 + fileIds.incrementAndGet());
            return "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + id
                    + "\",\"file_id\":\"" + id + "\"}";
        }
        if (method.equals("files.completeUploadExternal")) {
            String files = fields.getOrDefault("files", "[]");
            return "{\"ok\":true,\"files\":" + files + "}";
        }
        return "{\"ok\":false,\"error\":\"unknown_method\"}";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = form(body);
            calls.add(new Call(method, exchange.getRequestHeaders().getFirst("Authorization"), fields));
            String failure;
            synchronized (this) {
                failure = method.equals("chat.postMessage") ? failures.poll() : null;
            }
            Deque<String> queued = methodFailures.get(method);
            if (failure == null && queued != null) {
                failure = queued.poll();
            }
            int status = 200;
            String answer;
            if ("http429".equals(failure)) {
                status = 429;
                exchange.getResponseHeaders().set("Retry-After", "1");
                answer = "{\"ok\":false,\"error\":\"ratelimited\"}";
            } else if (failure != null) {
                answer = "{\"ok\":false,\"error\":\"" + failure + "\"}";
            } else if (method.startsWith("files.")) {
                answer = fileAnswer(method, fields);
            } else {
                answer = "{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"" + System.nanoTime() + ".000100\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
