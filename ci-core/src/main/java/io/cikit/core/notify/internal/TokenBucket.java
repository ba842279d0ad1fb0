package io.cikit.core.notify.internal;

import io.cikit.core.notify.RateLimit;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the dispatcher's clock: refills at the limit's rate up to its burst. Not thread-safe: a lane
 * uses it under its own lock.
 */
public final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private Instant last;

    public TokenBucket(RateLimit limit, Instant now) {
        this.perNano = limit.permitsPerSecond() / 1e9;
        this.burst = limit.burst();
        this.tokens = burst;
        this.last = now;
    }

    /** How long until a token is available; zero when one is. */
    public Duration delay(Instant now) {
        refill(now);
        if (tokens >= 1.0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1.0 - tokens) / perNano));
    }

    /** Takes a token (callers check {@link #delay} first; taking early drives the bucket negative). */
    public void take(Instant now) {
        refill(now);
        tokens -= 1.0;
    }

    private void refill(Instant now) {
        if (now.isAfter(last)) {
            long nanos = Duration.between(last, now).toNanos();
            tokens = Math.min(burst, tokens + nanos * perNano);
            last = now;
        }
    }
}
