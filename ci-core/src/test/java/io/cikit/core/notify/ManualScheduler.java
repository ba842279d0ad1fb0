package io.cikit.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} whose time moves only when a test says so. {@link #advance} runs every task that falls due,
 * in due order, on the calling thread, with the clock set to each task's due time while it runs.
 */
final class ManualScheduler implements Scheduler {
    private record Task(Instant due, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> {
        int c = a.due().compareTo(b.due());
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    });
    private Instant now;
    private long seq;

    ManualScheduler(Instant start) {
        this.now = start;
    }

    ManualScheduler() {
        this(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        Instant due = delay.isNegative() ? now : now.plus(delay);
        tasks.add(new Task(due, seq++, task));
    }

    /** Moves the clock forward, running everything that falls due on the way. */
    void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due().isAfter(target)) {
                    now = target;
                    return;
                }
                tasks.poll();
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
            }
            next.run().run();
        }
    }

    /** Runs everything due now (including what those tasks schedule for now). */
    void runDue() {
        advance(Duration.ZERO);
    }

    synchronized int queued() {
        return tasks.size();
    }

    @Override
    public void close() {
    }
}
