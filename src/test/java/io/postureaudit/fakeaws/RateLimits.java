package io.postureaudit.fakeaws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request-rate quotas as AWS applies them: per account, region and operation (or per account and region for a whole
 * service), a token bucket holding one second of requests and refilled at the quota's rate. A request over the
 * quota gets the service's throttling answer. Scopes as in {@link Faults}: {@code service:Operation} or {@code service}.
 */
final class RateLimits {

    private final Map<String, Double> perSecond = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    private static final class Bucket {
        private final double rate;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double rate) {
            this.rate = rate;
            this.tokens = Math.max(1, rate);
        }

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(Math.max(1, rate), tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    void limit(String scope, double requestsPerSecond) {
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("a rate limit is a positive number of requests per second, found "
                    + requestsPerSecond);
        }
        perSecond.put(scope, requestsPerSecond);
        buckets.clear();
    }

    /** Whether this request is within its quotas (operation and service quotas both apply). */
    boolean allow(String service, String operation, String account, String region) {
        for (String scope : new String[] {service + ":" + operation, service}) {
            Double rate = perSecond.get(scope);
            if (rate != null && !buckets.computeIfAbsent(scope + "@" + account + "/" + region, k -> new Bucket(rate))
                    .take()) {
                refused.incrementAndGet();
                return false;
            }
        }
        return true;
    }

    int refused() {
        return refused.get();
    }

    void clear() {
        perSecond.clear();
        buckets.clear();
    }
}
