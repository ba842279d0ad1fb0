package io.cikit.core.notify;

import io.cikit.core.config.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * How the dispatcher retries a delivery, independent of any grouping timer.
 *
 * <ul>
 *   <li>Retryable failure without {@code Retry-After} (5xx, 408, I/O): the channel's lane waits a random time in
 *       {@code [0, min(maxBackoff, initialBackoff × 2^(failures-1))]} ("full jitter", where failures counts the
 *       lane's consecutive failures), then tries the same delivery again. After {@code maxAttempts} such attempts
 *       the delivery is dead-lettered.</li>
 *   <li>Retryable failure with {@code Retry-After} (429, 503): the lane waits exactly as long as told, never less.
 *       These waits do not use up attempts; they are bounded by {@code maxAge} alone.</li>
 *   <li>Permanent failure: dead-lettered at once.</li>
 *   <li>A delivery still pending {@code maxAge} after it was accepted (in this process) is dead-lettered; so is one
 *       whose next allowed attempt would fall after that.</li>
 * </ul>
 *
 * <p>Defaults: 10 attempts, 1 s initial backoff, 5 min maximum backoff, 24 h maximum age.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxAge) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        Durations.requirePositive("maxAge", maxAge);
    }

    /** The ceiling of the random backoff after {@code failures} consecutive failures (at least 1). */
    public Duration backoffCeiling(int failures) {
        int shift = Math.min(Math.max(failures, 1) - 1, 30);
        long millis = initialBackoff.toMillis();
        long ceiling = millis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : millis << shift;
        return Duration.ofMillis(Math.min(ceiling, maxBackoff.toMillis()));
    }
}
