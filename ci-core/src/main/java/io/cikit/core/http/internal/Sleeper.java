package io.cikit.core.http.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between attempts; a seam so tests of retry and rate-limit behaviour need not really sleep. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread with {@link TimeUnit#sleep}. */
    Sleeper REAL = duration -> {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        TimeUnit.NANOSECONDS.sleep(WaitDurations.saturatedNanos(duration));
    };

    /** Blocks the calling thread for about {@code duration}; zero or negative returns at once. */
    void sleep(Duration duration) throws InterruptedException;
}
