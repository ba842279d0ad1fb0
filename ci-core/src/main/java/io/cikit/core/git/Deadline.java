package io.cikit.core.git;

import java.time.Duration;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * The time one workspace operation has left. JGit polls {@link #isCancelled()} while it negotiates and receives
 * packs, so a slow but never silent server is stopped too; a silent one is stopped by the transport timeout.
 */
final class Deadline implements ProgressMonitor {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** JGit's transport timeout: the stall limit, but never past the deadline; at least one second. */
    int transportTimeoutSeconds(Duration ioTimeout) {
        long left = Math.max(1, (endNanos - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
        long stall = Math.max(1, (ioTimeout.toMillis() + 999) / 1000);
        return (int) Math.min(Integer.MAX_VALUE, Math.min(left, stall));
    }

    @Override
    public boolean isCancelled() {
        return expired();
    }

    @Override
    public void start(int totalTasks) {
    }

    @Override
    public void beginTask(String title, int totalWork) {
    }

    @Override
    public void update(int completed) {
    }

    @Override
    public void endTask() {
    }

    @Override
    public void showDuration(boolean enabled) {
    }
}
