package io.postureaudit.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Slack's Web API that records each call the SDK makes (method, auth header, form fields),
 * keeps the messages posted per channel, and answers with Slack's shapes for chat.postMessage, chat.update,
 * chat.postEphemeral, conversations.history, conversations.replies (with metadata) and views.open — including
 * {@code ok:false} errors, HTTP 429 with {@code Retry-After}, 5xx answers, dropped connections and latency.
 */
public final class SlackStub implements AutoCloseable {

    /** One recorded call. */
    public record Call(String method, String authorization, Map<String, String> fields, Instant at) {

        public Call(String method, String authorization, Map<String, String> fields) {
            this(method, authorization, fields, Instant.now());
        }
    }

    /** A message as Slack stores it. */
    public record Posted(String channelId, String ts, String threadTs, String text, String blocks, String metadata) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Posted> messages = new CopyOnWriteArrayList<>();
    private final Deque<String> failures = new ArrayDeque<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile long latencyMillis;
    private volatile int retryAfterSeconds = 1;
    private volatile int rateLimitEvery;
    private final AtomicLong postsSeen = new AtomicLong();
    // Reports (issue #11): the file upload flow, and failures for any method.
    private final Map<String, Deque<String>> methodFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, byte[]> uploads = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger fileIds = new java.util.concurrent.atomic.AtomicInteger();
    /** Per completed file id, the channel id it was shared to and the ts of the message that shared it. */
    private final Map<String, String[]> shares = new java.util.concurrent.ConcurrentHashMap<>();

    public SlackStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("Slack stub could not bind a local port", e);
        }
        server.createContext("/api/", this::serve);
        server.createContext("/upload/", this::receiveUpload);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<Call> posts() {
        return calls("chat.postMessage");
    }

    /** Top-level messages posted (not thread replies). */
    public List<Call> alerts() {
        return posts().stream().filter(c -> c.fields().get("thread_ts") == null).toList();
    }

    /** Every message Slack holds now, in posting order (failed posts are not there). */
    public List<Posted> messages() {
        return List.copyOf(messages);
    }

    public void clear() {
        calls.clear();
        messages.clear();
        shares.clear();
        synchronized (this) {
            failures.clear();
        }
        methodFailures.clear();
        latencyMillis = 0;
        rateLimitEvery = 0;
        retryAfterSeconds = 1;
    }

    /**
     * The next chat.postMessage answers with this Slack error code; {@code "http429"} for a rate limit,
     * {@code "http503"} (any 5xx) for a server error, {@code "drop"} to store the message but close the
     * connection without an answer (the poster cannot know it was posted), {@code "hang"} to store the message and
     * answer only a minute later (time for the poster to die between Slack taking the message and hearing so).
     */
    public synchronized void failNext(String error) {
        failures.add(error);
    }

    /** Slack is back: queued failures are dropped; what was posted stays. */
    public synchronized void clearFailures() {
        failures.clear();
        methodFailures.clear();
    }

    public synchronized void failNext(String error, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(error);
        }
    }

    /** The next call of {@code method} answers with this Slack error code ({@code "http429"}: HTTP 429). */
    public void failNext(String method, String error) {
        methodFailures.computeIfAbsent(method, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(error);
    }

    /** File ids whose upload was completed, with the channel id each was shared to. */
    public Map<String, String> shared() {
        Map<String, String> out = new LinkedHashMap<>();
        shares.forEach((file, share) -> out.put(file, share[0]));
        return out;
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

    public void retryAfter(int seconds) {
        retryAfterSeconds = seconds;
    }

    /** Every response waits this long first. */
    public void latency(long millis) {
        latencyMillis = millis;
    }

    /** Every n-th chat.postMessage is answered 429 (0 = never). */
    public void rateLimitEvery(int n) {
        rateLimitEvery = n;
    }

    /** The id Slack gives a channel named {@code name} (ids pass through). */
    public static String channelId(String name) {
        if (name.matches("[CGD][A-Z0-9]{6,}")) {
            return name;
        }
        String clean = name.replace("#", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return "C" + (clean + "0000000").substring(0, Math.max(7, Math.min(10, clean.length())));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = form(body);
            calls.add(new Call(method, exchange.getRequestHeaders().getFirst("Authorization"), fields));
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            String failure = null;
            if (method.equals("chat.postMessage")) {
                synchronized (this) {
                    failure = failures.poll();
                }
                long n = postsSeen.incrementAndGet();
                if (failure == null && rateLimitEvery > 0 && n % rateLimitEvery == 0) {
                    failure = "http429";
                }
            }
            Deque<String> queued = methodFailures.get(method);
            if (failure == null && queued != null) {
                failure = queued.poll();
            }
            if ("hang".equals(failure)) {
                store(fields);
                Thread.sleep(60_000);
                exchange.getResponseBody().close();
                return;
            }
            if ("drop".equals(failure)) {
                store(fields);
                exchange.getResponseBody().close();
                return;
            }
            if (failure != null && failure.startsWith("http")) {
                int status = Integer.parseInt(failure.substring(4));
                if (status == 429) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
                }
                answer(exchange, status, "{\"ok\":false,\"error\":\"" + (status == 429 ? "ratelimited"
                        : "internal_error") + "\"}");
                return;
            }
            if (failure != null) {
                answer(exchange, 200, "{\"ok\":false,\"error\":\"" + failure + "\"}");
                return;
            }
            answer(exchange, 200, JSON.writeValueAsString(respond(method, fields)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode respond(String method, Map<String, String> f) throws IOException {
        ObjectNode out = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "chat.postMessage" -> {
                Posted p = store(f);
                out.put("channel", p.channelId()).put("ts", p.ts()).set("message", message(p, true));
            }
            case "chat.update" -> {
                String ts = f.get("ts");
                int index = indexOf(f.get("channel"), ts);
                if (index < 0) {
                    return error(f.get("channel").startsWith("#") ? "channel_not_found" : "message_not_found");
                }
                Posted old = messages.get(index);
                Posted updated = new Posted(old.channelId(), ts, old.threadTs(), f.get("text"), f.get("blocks"),
                        old.metadata());
                messages.set(index, updated);
                out.put("channel", old.channelId()).put("ts", ts).put("text", f.get("text"))
                        .set("message", message(updated, false));
            }
            case "conversations.history", "conversations.replies" -> {
                String channel = f.get("channel");
                if (channel == null || channel.startsWith("#")) {
                    return error("channel_not_found");
                }
                boolean metadata = "1".equals(f.get("include_all_metadata"))
                        || "true".equals(f.get("include_all_metadata"));
                double oldest = f.get("oldest") == null ? 0 : Double.parseDouble(f.get("oldest"));
                String thread = f.get("ts");
                List<Posted> found = new ArrayList<>();
                for (Posted p : messages) {
                    boolean inScope = method.equals("conversations.history") ? p.threadTs() == null
                            : thread.equals(p.ts()) || thread.equals(p.threadTs());
                    if (p.channelId().equals(channel) && inScope && Double.parseDouble(p.ts()) >= oldest) {
                        found.add(p);
                    }
                }
                if (method.equals("conversations.history")) {
                    java.util.Collections.reverse(found);
                }
                ArrayNode list = out.putArray("messages");
                found.forEach(p -> list.add(message(p, metadata)));
                out.put("has_more", false);
                out.putObject("response_metadata").put("next_cursor", "");
            }
            case "views.open" -> {
                if (f.get("trigger_id") == null || f.get("view") == null) {
                    return error("invalid_arguments");
                }
                ObjectNode view = (ObjectNode) JSON.readTree(f.get("view"));
                view.put("id", "V" + counter.incrementAndGet());
                out.set("view", view);
            }
            case "chat.postEphemeral" -> out.put("message_ts", nextTs());
            case "files.getUploadURLExternal" -> {
                String id = "F0" + (1000 + fileIds.incrementAndGet());
                out.put("upload_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + id)
                        .put("file_id", id);
            }
            case "files.completeUploadExternal" -> {
                JsonNode files = JSON.readTree(f.getOrDefault("files", "[]"));
                for (JsonNode file : files) {
                    String id = file.path("id").asText();
                    if (!uploads.containsKey(id)) {
                        return error("file_not_found");
                    }
                    if (f.get("channel_id") != null) {
                        shares.put(id, new String[] {channelId(f.get("channel_id")), nextTs()});
                    }
                }
                out.set("files", files);
            }
            case "files.info" -> {
                String id = f.get("file");
                if (id == null || !uploads.containsKey(id)) {
                    return error("file_not_found");
                }
                ObjectNode file = out.putObject("file").put("id", id).put("mode", "hosted");
                ArrayNode channels = file.putArray("channels");
                file.putArray("groups");
                file.putArray("ims");
                String[] share = shares.get(id);
                if (share != null) {
                    channels.add(share[0]);
                    file.putObject("shares").putObject("public").putArray(share[0]).addObject()
                            .put("ts", share[1]).put("channel_name", "reports");
                }
            }
            default -> {
                return error("unknown_method");
            }
        }
        return out;
    }

    private Posted store(Map<String, String> f) {
        Posted p = new Posted(channelId(f.get("channel")), nextTs(), f.get("thread_ts"), f.get("text"),
                f.get("blocks"), f.get("metadata"));
        messages.add(p);
        return p;
    }

    private int indexOf(String channel, String ts) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).channelId().equals(channel) && messages.get(i).ts().equals(ts)) {
                return i;
            }
        }
        return -1;
    }

    private ObjectNode message(Posted p, boolean withMetadata) {
        ObjectNode m = JSON.createObjectNode().put("type", "message").put("user", "U0POSTURE").put("bot_id", "B0POSTURE")
                .put("text", p.text()).put("ts", p.ts());
        if (p.threadTs() != null) {
            m.put("thread_ts", p.threadTs());
        }
        try {
            if (p.blocks() != null) {
                m.set("blocks", JSON.readTree(p.blocks()));
            }
            if (withMetadata && p.metadata() != null) {
                JsonNode metadata = JSON.readTree(p.metadata());
                m.set("metadata", metadata);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the SDK sent JSON the stub cannot read: " + e.getMessage(), e);
        }
        return m;
    }

    private String nextTs() {
        return Instant.now().getEpochSecond() + "." + String.format("%06d", counter.incrementAndGet() % 1_000_000);
    }

    private static ObjectNode error(String code) {
        return JSON.createObjectNode().put("ok", false).put("error", code);
    }

    private static void answer(HttpExchange exchange, int status, String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
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
