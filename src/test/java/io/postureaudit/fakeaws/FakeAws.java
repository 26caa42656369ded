package io.postureaudit.fakeaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local AWS that speaks the services' real wire protocols, so that the real SDK v2 clients are exercised. The
 * service and region come from the SigV4 credential scope; the account from the access key, which encodes it
 * (see {@link #accessKeyFor}). Faults (throttling, AccessDenied, latency) can be injected per operation.
 */
public final class FakeAws implements AutoCloseable {

    private static final Pattern SCOPE = Pattern.compile("Credential=([^/,]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern ACCOUNT_IN_KEY = Pattern.compile("^(?:AKIA|ASIA)F(\\d{12})");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(32);
    private final Map<String, ServiceHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile long latencyMillis;
    private volatile String defaultAccount = "111111111111";

    /** An injected fault: answer with an error, or add latency, for the next {@code times} calls. */
    public record Fault(int status, String code, String message, long delayMillis, int times) {
    }

    public FakeAws() {
        // Without TCP_NODELAY, headers and body leave as two segments and Nagle plus delayed ACK stall every
        // keep-alive request by ~40 ms, which would swamp the latency the benchmark injects.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("fake AWS could not bind a local port", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The access key whose calls the fake attributes to {@code accountId}. */
    public static String accessKeyFor(String accountId) {
        return "AKIAF" + accountId;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeAws register(ServiceHandler handler) {
        handlers.put(handler.signingName(), handler);
        return this;
    }

    /** Account used when the access key does not name one. */
    public void defaultAccount(String accountId) {
        this.defaultAccount = accountId;
    }

    /** Latency added to every call (benchmarks). */
    public void latency(long millis) {
        this.latencyMillis = millis;
    }

    /** Injects a fault for {@code service:Operation}, e.g. {@code iam:GetAccountAuthorizationDetails}. */
    public void inject(String serviceOperation, Fault fault) {
        faults.computeIfAbsent(serviceOperation, k -> new ArrayDeque<>()).add(fault);
    }

    public void throttle(String serviceOperation, int times) {
        inject(serviceOperation, new Fault(400, null, "Rate exceeded", 0, times));
    }

    public void denyAlways(String serviceOperation) {
        inject(serviceOperation, new Fault(403, "AccessDenied", "User: arn:aws:sts::000000000000:assumed-role/audit "
                + "is not authorized to perform: " + serviceOperation, 0, Integer.MAX_VALUE));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Calls answered for {@code service:Operation} (faults included). */
    public int calls(String serviceOperation) {
        AtomicInteger n = calls.get(serviceOperation);
        return n == null ? 0 : n.get();
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Calls answered per {@code service:Operation}. */
    public Map<String, Integer> callsByOperation() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void resetCalls() {
        calls.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher scope = auth == null ? null : SCOPE.matcher(auth);
            if (scope == null || !scope.find()) {
                write(exchange, Protocol.JSON_11.error(403, "MissingAuthenticationToken",
                        "Request is missing a SigV4 Authorization header"));
                return;
            }
            Matcher key = ACCOUNT_IN_KEY.matcher(scope.group(1));
            String account = key.find() ? key.group(1) : defaultAccount;
            ServiceHandler handler = handlers.get(scope.group(3));
            if (handler == null) {
                write(exchange, Protocol.JSON_11.error(400, "UnknownService",
                        "The fake serves no service named '" + scope.group(3) + "'"));
                return;
            }
            FakeRequest request = new FakeRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body,
                    scope.group(3), scope.group(2), account);
            write(exchange, answer(handler, request));
        } catch (RuntimeException e) {
            write(exchange, Protocol.JSON_11.error(500, "InternalFailure", "fake AWS failed: " + e));
        }
    }

    private FakeResponse answer(ServiceHandler handler, FakeRequest request) {
        String operation = handler.operation(request);
        String name = handler.signingName() + ":" + operation;
        calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        sleep(latencyMillis);
        Fault fault = nextFault(name);
        if (fault != null) {
            sleep(fault.delayMillis());
            if (fault.status() > 0) {
                String code = fault.code() == null ? handler.protocol().throttlingCode() : fault.code();
                return handler.protocol().error(fault.status(), code, fault.message());
            }
        }
        try {
            return handler.handle(request, operation);
        } catch (ServiceHandler.AwsFault e) {
            return handler.protocol().error(e.status(), e.code(), e.getMessage());
        }
    }

    private Fault nextFault(String name) {
        Deque<Fault> queue = faults.get(name);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            Fault head = queue.peek();
            if (head == null) {
                return null;
            }
            queue.poll();
            if (head.times() > 1) {
                queue.addFirst(new Fault(head.status(), head.code(), head.message(), head.delayMillis(),
                        head.times() == Integer.MAX_VALUE ? Integer.MAX_VALUE : head.times() - 1));
            }
            return head;
        }
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void write(HttpExchange exchange, FakeResponse response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Handlers by signing name, for tests that want to reach their state. */
    @SuppressWarnings("unchecked")
    public <H extends ServiceHandler> H handler(String signingName) {
        return (H) handlers.get(signingName);
    }

    List<String> services() {
        return List.copyOf(handlers.keySet());
    }
}
