package io.cikit.core.http.internal;

/** When bytes last arrived for an exchange, so a stalled stream can be told from a slow but moving one. */
public final class Progress {
    private volatile long lastActivityNanos = System.nanoTime();

    public void touch() {
        lastActivityNanos = System.nanoTime();
    }

    /** Nanoseconds since the last {@link #touch()}. */
    public long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }
}
