package io.postureaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A store step that fails quickly (the database went away) is tried again; one that failed only after using up its
 * whole time limit is not, since another attempt would redo the same work into the same limit.
 */
class StoreRetryTest {

    @Test
    void shouldRetryAStepThatFailsQuickly() {
        AtomicInteger attempts = new AtomicInteger();
        String result = StoreRetry.run("storing a test account", Duration.ofSeconds(30), () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("connection refused");
            }
            return "stored";
        });

        assertEquals("stored", result);
        assertEquals(2, attempts.get());
    }

    @Test
    void shouldNotRetryAStepThatFailedAfterItsWholeTimeLimit() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StoreRetry.run("storing a test account", Duration.ofMillis(50), () -> {
                    attempts.incrementAndGet();
                    for (long end = System.nanoTime() + 80_000_000L; System.nanoTime() < end; ) {
                        LockSupport.parkNanos(end - System.nanoTime());
                    }
                    throw new IllegalStateException("the transaction timed out");
                }));

        assertEquals("the transaction timed out", e.getMessage());
        assertEquals(1, attempts.get(), "a step that used up its time limit was tried again");
    }
}
