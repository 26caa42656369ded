package io.postureaudit.notify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: exponential from 30 s, doubling per attempt, capped at one hour, with
 * jitter (a random point in the upper half) so that many messages failed together do not retry together.
 */
final class Backoff {

    static final Duration BASE = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofHours(1);

    private Backoff() {
    }

    /** The ceiling of the delay after {@code attempts} failed attempts (1 = first failure). */
    static Duration ceiling(int attempts) {
        long seconds = BASE.toSeconds() << Math.min(12, Math.max(0, attempts - 1));
        return Duration.ofSeconds(Math.min(CAP.toSeconds(), seconds));
    }

    /** A delay between half the ceiling and the ceiling. */
    static Duration delay(int attempts) {
        long ceiling = ceiling(attempts).toMillis();
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
