package io.cikit.core.notify;

import io.cikit.core.notify.internal.SystemScheduler;
import java.time.Duration;
import java.time.Instant;

/**
 * The dispatcher's sense of time: what time it is and how to run something later. Every timer the dispatcher uses
 * (group windows, retry backoff, {@code Retry-After} waits, rate-limit waits) goes through it, so a test can drive
 * time by hand instead of sleeping.
 *
 * <p>Implementations are thread-safe. Tasks must not be run inside {@link #schedule} itself.
 */
public interface Scheduler extends AutoCloseable {

    /** The current time. */
    Instant now();

    /** Runs a task once, no earlier than {@code delay} from now (zero or negative: as soon as possible). */
    void schedule(Duration delay, Runnable task);

    /** Stops running tasks; tasks not yet run are dropped. */
    @Override
    void close();

    /**
     * The system clock and a pool of {@code threads} daemon threads (named {@code cikit-notify-…}). Channel calls
     * block one of them each, so allow at least one per channel plus one for timers.
     */
    static Scheduler system(int threads) {
        return new SystemScheduler(threads);
    }
}
