package io.cikit.core.http.internal;

import java.time.Duration;

/** Overflow-safe duration arithmetic for waits that come from untrusted servers. */
public final class WaitDurations {
    /** No single wait is ever longer than this, whatever a server says (about 31 years). */
    public static final Duration CEILING = Duration.ofSeconds(1_000_000_000L);

    private WaitDurations() {
    }

    /** Nanoseconds of a duration, {@link Long#MAX_VALUE} when it does not fit, 0 when negative. */
    public static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        if (d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0) {
            return Long.MAX_VALUE;
        }
        return d.toNanos();
    }

    /** {@code d} limited to [0, {@link #CEILING}]. */
    public static Duration clamp(Duration d) {
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(CEILING) > 0 ? CEILING : d;
    }

    /** {@code base · 2^exponent}, limited to {@link #CEILING}. */
    public static Duration doubled(Duration base, int exponent) {
        Duration out = clamp(base);
        for (int i = 0; i < exponent && out.compareTo(CEILING) < 0; i++) {
            out = clamp(out.multipliedBy(2));
        }
        return out;
    }
}
