package io.postureaudit.scan;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retries a database step with exponential back-off, so that a PostgreSQL restart or fail-over during a scan costs a
 * few seconds instead of a scan left "running". The step must be one transaction: a failed attempt leaves nothing.
 */
final class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);
    static final int ATTEMPTS = 7;
    private static final Duration FIRST = Duration.ofMillis(500);
    private static final Duration LONGEST = Duration.ofSeconds(15);

    private StoreRetry() {
    }

    /** Runs {@code step}; after the last failed attempt throws that attempt's exception. */
    static <T> T run(String what, Supplier<T> step) {
        return run(what, null, step);
    }

    /**
     * As {@link #run(String, Supplier)}, except that an attempt failing after {@code limit} or longer is not retried:
     * it used up the time its transaction is allowed (posture.scan.store-timeout), and another attempt would redo the
     * same work into the same limit, up to {@link #ATTEMPTS} times over. An outage fails attempts quickly.
     */
    static <T> T run(String what, Duration limit, Supplier<T> step) {
        Duration wait = FIRST;
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            try {
                return step.get();
            } catch (RuntimeException e) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (limit != null && took.compareTo(limit) >= 0) {
                    LOG.errorf("%s failed after %d s, its whole time limit of %d s (posture.scan.store-timeout):"
                            + " not retried, another attempt would do the same work: %s", what, took.toSeconds(),
                            limit.toSeconds(), e.toString());
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("%s failed (attempt %d of %d), retrying in %d ms: %s", what, attempt, ATTEMPTS,
                        wait.toMillis(), e.toString());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : wait.multipliedBy(2);
            }
        }
    }

    static void run(String what, Runnable step) {
        run(what, () -> {
            step.run();
            return null;
        });
    }
}
