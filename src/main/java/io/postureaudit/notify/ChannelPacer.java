package io.postureaudit.notify;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps posts to one Slack channel apart by the configured pace (Slack allows about one message per second per
 * channel) and holds a channel back after a 429 for as long as {@code Retry-After} says. Real elapsed time, not
 * the domain clock: this is about Slack's counters, not about when things happened.
 */
final class ChannelPacer {

    private final ConcurrentMap<String, Long> nextAllowed = new ConcurrentHashMap<>();
    private final long paceNanos;

    ChannelPacer(Duration pace) {
        this.paceNanos = pace.toNanos();
    }

    /** How long until the channel may be posted to again (zero if now). */
    Duration waitFor(String channel) {
        long now = System.nanoTime();
        Long next = nextAllowed.get(channel);
        return next == null || next - now <= 0 ? Duration.ZERO : Duration.ofNanos(next - now);
    }

    /** Waits for the channel's turn, then reserves the next slot (atomically: threads delivering at once share it). */
    void acquire(String channel) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long[] wait = new long[1];
            nextAllowed.compute(channel, (key, next) -> {
                if (next == null || next - now <= 0) {
                    wait[0] = 0;
                    return now + paceNanos;
                }
                wait[0] = next - now;
                return next;
            });
            if (wait[0] == 0) {
                return;
            }
            Thread.sleep(Math.max(1, wait[0] / 1_000_000));
        }
    }

    /** Slack asked us to wait: nothing goes to the channel before then. */
    void pause(String channel, Duration by) {
        nextAllowed.merge(channel, System.nanoTime() + by.toNanos(), Math::max);
    }
}
