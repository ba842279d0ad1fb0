package io.cikit.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpTransport} retries: at most {@code maxAttempts} attempts per hop; between them exponential
 * backoff with full jitter (random in {@code [0, min(maxBackoff, initialBackoff · 2^n)]}); server-told waits
 * ({@code Retry-After}, rate-limit reset) honoured up to {@code maxRetryAfter}, beyond which the reply is returned
 * instead of waiting; GitHub's secondary limit without advice waits {@code secondaryRateLimitWait}, doubling on
 * each repeat.
 *
 * @param maxAttempts attempts including the first, 1 to {@value #MAX_ATTEMPTS_LIMIT} (default 4)
 * @param initialBackoff backoff ceiling of the first retry (default 200 ms)
 * @param maxBackoff largest backoff ceiling (default 10 s)
 * @param maxRetryAfter longest server-told wait honoured (default 5 min)
 * @param secondaryRateLimitWait first wait after a GitHub secondary limit without {@code Retry-After} (default 60 s)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          Duration secondaryRateLimitWait) {
    /** The upper bound on {@code maxAttempts}. */
    public static final int MAX_ATTEMPTS_LIMIT = 20;

    /** 4 attempts, 200 ms initial and 10 s maximum backoff, 5 min maximum server-told wait, 60 s secondary wait. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10),
            Duration.ofMinutes(5), Duration.ofSeconds(60));

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(secondaryRateLimitWait, "secondaryRateLimitWait");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts must be 1.." + MAX_ATTEMPTS_LIMIT + ": " + maxAttempts);
        }
        requireNotNegative("initialBackoff", initialBackoff);
        requireNotNegative("maxBackoff", maxBackoff);
        requireNotNegative("maxRetryAfter", maxRetryAfter);
        requireNotNegative("secondaryRateLimitWait", secondaryRateLimitWait);
    }

    /** No retries at all: one attempt, the reply or failure as it comes. */
    public static RetryPolicy none() {
        return DEFAULT.toBuilder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireNotNegative(String name, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    /** Builds a {@link RetryPolicy}, starting from the values it was created from. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private Duration maxRetryAfter;
        private Duration secondaryRateLimitWait;

        private Builder(RetryPolicy from) {
            this.maxAttempts = from.maxAttempts;
            this.initialBackoff = from.initialBackoff;
            this.maxBackoff = from.maxBackoff;
            this.maxRetryAfter = from.maxRetryAfter;
            this.secondaryRateLimitWait = from.secondaryRateLimitWait;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public Builder secondaryRateLimitWait(Duration secondaryRateLimitWait) {
            this.secondaryRateLimitWait = secondaryRateLimitWait;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, secondaryRateLimitWait);
        }
    }
}
