package io.postureaudit.fakeaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 * (see {@link #accessKeyFor}). Faults can be injected per operation, per service or for every call, for the next N
 * calls or as a share of all calls: the service's documented throttling and server errors, AccessDenied, latency,
 * hung calls, connections closed without an answer, and answers cut off mid-body.
 */
public final class FakeAws implements AutoCloseable {

    private static final Pattern SCOPE = Pattern.compile("Credential=([^/,]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    /** A hung call is let go after this long at most, so that a forgotten fault cannot hold a test for ever. */
    private static final long HANG_LIMIT_MILLIS = 120_000;
    private static final Pattern ACCOUNT_IN_KEY = Pattern.compile("^(?:AKIA|ASIA)F(\\d{12})");

    private final HttpServer server;
    /** Unbounded, so that hung calls never starve the others of a thread. */
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, ServiceHandler> handlers = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final RateLimits limits = new RateLimits();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> lastFaultedAccount = new ConcurrentHashMap<>();
    private volatile long latencyMillis;
    private volatile String defaultAccount = "111111111111";

    /**
     * An injected fault for the next {@code times} calls of its scope: wait {@code delayMillis}, then act. An
     * {@link Action#ANSWER} answers {@code status}/{@code code}/{@code message} in the service's protocol.
     */
    public record Fault(int status, String code, String message, long delayMillis, int times, Action action) {

        /** What the fake does with a call that meets this fault. */
        public enum Action {
            /** Answers the given error. */
            ANSWER,
            /** Answers the service's documented throttling error ({@link ServiceErrors#throttling}). */
            THROTTLE,
            /** Answers the service's documented internal error, HTTP 500. */
            SERVER_ERROR,
            /** Answers 503 ServiceUnavailable. */
            UNAVAILABLE,
            /** Answers normally, after the delay. */
            DELAY,
            /** Holds the call without answering until the faults are cleared (or the delay, when set, passes). */
            HANG,
            /** Closes the connection without answering (a reset or a crashed front end, as the client sees it). */
            DROP,
            /** Sends the status line, headers and half the body, then closes the connection. */
            TRUNCATE
        }

        /** An error answer (status &gt; 0; a null code means the service's throttling error) or a plain delay. */
        public Fault(int status, String code, String message, long delayMillis, int times) {
            this(status, code, message, delayMillis, times,
                    status <= 0 ? Action.DELAY : code == null ? Action.THROTTLE : Action.ANSWER);
        }

        public static Fault of(Action action, int times) {
            return new Fault(0, null, null, 0, times, action);
        }

        public Fault after(long millis) {
            return new Fault(status, code, message, millis, times, action);
        }

        Fault withTimes(int n) {
            return new Fault(status, code, message, delayMillis, n, action);
        }
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

    /**
     * Injects a fault for a scope: {@code service:Operation} (e.g. {@code iam:GetAccountAuthorizationDetails}), a
     * signing name ({@code kms}: every operation) or {@code *} (every call). Faults of one scope apply in order.
     */
    public void inject(String scope, Fault fault) {
        faults.add(scope, fault);
    }

    /** Applies {@code fault} to a random {@code share} (0..1) of the scope's calls, until the faults are cleared. */
    public void injectRate(String scope, double share, Fault fault) {
        faults.rate(scope, share, fault);
    }

    /** The next {@code times} calls in the scope are throttled the way their service throttles. */
    public void throttle(String scope, int times) {
        inject(scope, Fault.of(Fault.Action.THROTTLE, times));
    }

    /** A throttling storm: {@code share} of the scope's calls are throttled the way their service throttles. */
    public void throttleRate(String scope, double share) {
        injectRate(scope, share, Fault.of(Fault.Action.THROTTLE, Integer.MAX_VALUE));
    }

    /** The next {@code times} calls in the scope fail with the service's internal error (HTTP 500). */
    public void failServer(String scope, int times) {
        inject(scope, Fault.of(Fault.Action.SERVER_ERROR, times));
    }

    /** Every call in the scope hangs: no answer until {@link #clearFaults()}. */
    public void hangAlways(String scope) {
        inject(scope, Fault.of(Fault.Action.HANG, Integer.MAX_VALUE));
    }

    /** The next {@code times} calls in the scope have their connection closed without an answer. */
    public void drop(String scope, int times) {
        inject(scope, Fault.of(Fault.Action.DROP, times));
    }

    public void denyAlways(String serviceOperation) {
        inject(serviceOperation, new Fault(403, "AccessDenied", "User: arn:aws:sts::000000000000:assumed-role/audit "
                + "is not authorized to perform: " + serviceOperation, 0, Integer.MAX_VALUE));
    }

    /**
     * A request-rate quota, applied per account and region as AWS applies it: {@code service:Operation} or a whole
     * service; requests over it get the service's throttling answer.
     */
    public void rateLimit(String scope, double requestsPerSecond) {
        limits.limit(scope, requestsPerSecond);
    }

    /** Requests refused for going over a rate quota. */
    public int rateLimited() {
        return limits.refused();
    }

    public void clearRateLimits() {
        limits.clear();
    }

    /** Removes every fault; hung calls are let go. */
    public void clearFaults() {
        faults.clear();
    }

    /** Calls that met an injected fault, per {@code service:Operation}. */
    public Map<String, Integer> faultsServed() {
        return faults.served();
    }

    public int faultsServed(String serviceOperation) {
        return faults.served(serviceOperation);
    }

    /** The account whose call of {@code service:Operation} last met a fault, or null. */
    public String lastFaultedAccount(String serviceOperation) {
        return lastFaultedAccount.get(serviceOperation);
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
            String operation = handler.operation(request);
            calls.computeIfAbsent(handler.signingName() + ":" + operation, k -> new AtomicInteger())
                    .incrementAndGet();
            sleep(latencyMillis);
            Fault fault = faults.next(handler.signingName(), operation);
            if (fault != null) {
                lastFaultedAccount.put(handler.signingName() + ":" + operation, account);
            }
            if (fault == null) {
                if (!limits.allow(handler.signingName(), operation, account, scope.group(2))) {
                    ServiceErrors.Answer throttled = ServiceErrors.throttling(handler.signingName());
                    write(exchange, handler.protocol().error(throttled.status(), throttled.code(), throttled.message()));
                    return;
                }
                write(exchange, answer(handler, request, operation));
                return;
            }
            sleep(fault.delayMillis());
            switch (fault.action()) {
                case DROP -> {
                    // Closing the exchange before any header is sent closes the connection: no answer at all.
                }
                case TRUNCATE -> writeHalf(exchange, answer(handler, request, operation));
                case HANG -> {
                    faults.hang(fault.delayMillis() > 0 ? fault.delayMillis() : HANG_LIMIT_MILLIS);
                    write(exchange, answer(handler, request, operation));
                }
                case DELAY -> write(exchange, answer(handler, request, operation));
                default -> write(exchange, faultAnswer(handler, fault));
            }
        } catch (RuntimeException e) {
            write(exchange, Protocol.JSON_11.error(500, "InternalFailure", "fake AWS failed: " + e));
        }
    }

    private static FakeResponse answer(ServiceHandler handler, FakeRequest request, String operation) {
        try {
            return handler.handle(request, operation);
        } catch (ServiceHandler.AwsFault e) {
            return handler.protocol().error(e.status(), e.code(), e.getMessage());
        }
    }

    private static FakeResponse faultAnswer(ServiceHandler handler, Fault fault) {
        ServiceErrors.Answer answer = switch (fault.action()) {
            case THROTTLE -> ServiceErrors.throttling(handler.signingName());
            case SERVER_ERROR -> ServiceErrors.serverError(handler.signingName());
            case UNAVAILABLE -> ServiceErrors.unavailable(handler.signingName());
            default -> new ServiceErrors.Answer(fault.status(), fault.code(), fault.message());
        };
        return handler.protocol().error(answer.status(), answer.code(),
                fault.message() != null && fault.action() != Fault.Action.ANSWER ? fault.message() : answer.message());
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

    /** Promises the whole body, sends half of it, and closes the connection. */
    private static void writeHalf(HttpExchange exchange, FakeResponse response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.sendResponseHeaders(response.status(), Math.max(2, bytes.length));
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        // Closing with bytes still owed makes the JDK server close the connection (and complain, which is the point).
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
        faults.clear();
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
