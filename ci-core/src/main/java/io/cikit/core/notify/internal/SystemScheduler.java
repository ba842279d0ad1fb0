package io.cikit.core.notify.internal;

import io.cikit.core.notify.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Scheduler} on the system clock and a {@link ScheduledThreadPoolExecutor} of daemon threads. */
public final class SystemScheduler implements Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;

    public SystemScheduler(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "cikit-notify-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // an exception would vanish into the future nobody reads
                LOG.error("notification task failed", e);
            }
        };
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        try {
            executor.schedule(guarded, nanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("scheduler closed; dropping a task");
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
