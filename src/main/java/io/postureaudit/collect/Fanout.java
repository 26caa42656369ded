package io.postureaudit.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs per-resource work with at most {@code limit} calls in flight, so that one account, region and service
 * never has more requests open than AWS rate limits tolerate. Failures inside {@code work} are the caller's to
 * record as gaps; an exception that escapes is a bug and is rethrown after all work finished.
 */
public final class Fanout {

    private Fanout() {
    }

    public static <T> void each(List<T> items, int limit, Consumer<T> work) {
        if (items.isEmpty()) {
            return;
        }
        if (limit <= 1 || items.size() == 1) {
            items.forEach(work);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limit, items.size()), r -> {
            Thread t = new Thread(r, "collect-fanout");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.accept(item)));
            }
            RuntimeException first = null;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("collection interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
