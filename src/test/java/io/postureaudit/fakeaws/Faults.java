package io.postureaudit.fakeaws;

import io.postureaudit.fakeaws.FakeAws.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which faults the fake applies to which calls. A scope is {@code service:Operation} (one operation), {@code service}
 * (every operation of that signing name) or {@code *} (every call); the narrowest scope with a fault wins. Queued
 * faults apply to the next N calls in their scope; a rate applies its fault to that share of the scope's calls.
 */
final class Faults {

    static final String EVERY_CALL = "*";
    private final Map<String, Deque<Fault>> queued = new ConcurrentHashMap<>();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    /** Seeded, so that a failing storm can be replayed; shared by all threads under its own lock. */
    private final Random random = new Random(13);
    private volatile CountDownLatch release = new CountDownLatch(1);

    private record Rate(double share, Fault fault) {
    }

    void add(String scope, Fault fault) {
        queued.computeIfAbsent(scope, k -> new ArrayDeque<>()).add(fault);
    }

    void rate(String scope, double share, Fault fault) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("a fault rate is a share of calls between 0 and 1, found " + share);
        }
        rates.put(scope, new Rate(share, fault));
    }

    /** The fault for this call, if any, counted as served. */
    Fault next(String service, String operation) {
        for (String scope : List.of(service + ":" + operation, service, EVERY_CALL)) {
            Fault fault = take(scope);
            if (fault == null) {
                fault = roll(scope);
            }
            if (fault != null) {
                served.computeIfAbsent(service + ":" + operation, k -> new AtomicInteger()).incrementAndGet();
                return fault;
            }
        }
        return null;
    }

    private Fault take(String scope) {
        Deque<Fault> queue = queued.get(scope);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            Fault head = queue.poll();
            if (head != null && head.times() > 1) {
                queue.addFirst(head.withTimes(head.times() == Integer.MAX_VALUE ? Integer.MAX_VALUE
                        : head.times() - 1));
            }
            return head;
        }
    }

    private Fault roll(String scope) {
        Rate rate = rates.get(scope);
        if (rate == null) {
            return null;
        }
        synchronized (random) {
            return random.nextDouble() < rate.share() ? rate.fault() : null;
        }
    }

    /** Holds a hung call until {@link #clear()} or the limit, whichever comes first. */
    void hang(long limitMillis) {
        try {
            release.await(limitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls that were given a fault, per {@code service:Operation}. */
    Map<String, Integer> served() {
        Map<String, Integer> out = new TreeMap<>();
        served.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    int served(String serviceOperation) {
        AtomicInteger n = served.get(serviceOperation);
        return n == null ? 0 : n.get();
    }

    /** Removes every fault and lets hung calls go (they then answer normally). */
    void clear() {
        queued.clear();
        rates.clear();
        CountDownLatch hung = release;
        release = new CountDownLatch(1);
        hung.countDown();
    }
}
