package io.cikit.core.http.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the wait before retry {@code n} (0-based) is uniformly random in
 * {@code [0, min(maxBackoff, initialBackoff · 2^n)]}. Full jitter spreads clients that failed together.
 */
public final class Backoff {
    private Backoff() {
    }

    /** The upper bound of the wait before retry {@code retryIndex}: {@code min(max, initial · 2^retryIndex)}. */
    public static Duration ceiling(Duration initial, Duration max, int retryIndex) {
        long maxNanos = WaitDurations.saturatedNanos(max);
        long initialNanos = WaitDurations.saturatedNanos(initial);
        int n = Math.max(0, retryIndex);
        long grown;
        if (initialNanos == 0) {
            grown = 0;
        } else if (n >= Long.SIZE - 1 || initialNanos > (Long.MAX_VALUE >> n)) {
            grown = Long.MAX_VALUE;
        } else {
            grown = initialNanos << n;
        }
        return Duration.ofNanos(Math.min(grown, maxNanos));
    }

    /** A random wait in {@code [0, ceiling(initial, max, retryIndex)]}. */
    public static Duration fullJitter(Duration initial, Duration max, int retryIndex, RandomGenerator random) {
        long ceiling = ceiling(initial, max, retryIndex).toNanos();
        if (ceiling <= 0) {
            return Duration.ZERO;
        }
        long bound = ceiling == Long.MAX_VALUE ? Long.MAX_VALUE : ceiling + 1;
        return Duration.ofNanos(random.nextLong(bound));
    }
}
