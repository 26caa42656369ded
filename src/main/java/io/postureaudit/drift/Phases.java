package io.postureaudit.drift;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall and CPU time of the consecutive phases of one change detection, for its debug log line: on a shared machine
 * CPU time of the detecting thread says what the code costs, wall time also counts PostgreSQL and waiting for a core.
 */
final class Phases {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final List<String> done = new ArrayList<>();
    private long wall = System.nanoTime();
    private long cpu = cpu();

    /** Ends the phase running since the last call (or since construction) under {@code name}. */
    void end(String name) {
        long nowWall = System.nanoTime();
        long nowCpu = cpu();
        done.add(String.format("%s %d ms (CPU %d ms)", name, (nowWall - wall) / 1_000_000,
                (nowCpu - cpu) / 1_000_000));
        wall = nowWall;
        cpu = nowCpu;
    }

    @Override
    public String toString() {
        return String.join(", ", done);
    }

    private static long cpu() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }
}
