package io.postureaudit.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The outbox messages this process has claimed and not finished yet. The claim hides them from every other
 * caller, so without this a sweep started while another thread of the process delivers (the end of a scan, the
 * timer, {@code POST /api/digests}) would return with alerts still on their way, and a reply claimed by one thread
 * would be put off because its alert, claimed by the other, looked undelivered.
 */
@ApplicationScoped
class InFlight {

    private final Set<Long> ids = new HashSet<>();

    synchronized void begin(Collection<Long> claimed) {
        ids.addAll(claimed);
    }

    synchronized void end(long id) {
        if (ids.remove(id)) {
            notifyAll();
        }
    }

    synchronized void endAll(Collection<Long> claimed) {
        if (ids.removeAll(claimed)) {
            notifyAll();
        }
    }

    /** @return true when the message was in flight here and is now finished; false when it was not in flight */
    synchronized boolean awaitFinished(long id, Duration atMost) throws InterruptedException {
        return awaitWhile(() -> ids.contains(id), atMost);
    }

    /** @return true when something was in flight here (so a caller should look again for what it left due) */
    synchronized boolean awaitNone(Duration atMost) throws InterruptedException {
        return awaitWhile(() -> !ids.isEmpty(), atMost);
    }

    private boolean awaitWhile(java.util.function.BooleanSupplier busy, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        boolean waited = false;
        while (busy.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return waited;
            }
            waited = true;
            wait(Math.max(1, left / 1_000_000));
        }
        return waited;
    }
}
