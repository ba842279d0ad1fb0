package io.cikit.core.http;

import io.cikit.core.config.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * The per-host circuit breaker of {@link HttpTransport}: after {@code failureThreshold} consecutive retryable
 * failures (I/O error, timeout, 5xx, 408) calls to that host fail fast with {@link CircuitOpenException} for
 * {@code openDuration}; then one trial call is let through, whose success closes the circuit and whose failure
 * opens it again.
 *
 * @param failureThreshold consecutive failures that open the circuit, at least 1 (default 5)
 * @param openDuration how long an open circuit rejects calls, positive (default 30 s)
 */
public record CircuitBreakerSettings(int failureThreshold, Duration openDuration) {
    /** 5 consecutive failures, 30 s open. */
    public static final CircuitBreakerSettings DEFAULT = new CircuitBreakerSettings(5, Duration.ofSeconds(30));

    public CircuitBreakerSettings {
        Objects.requireNonNull(openDuration, "openDuration");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1: " + failureThreshold);
        }
        Durations.requirePositive("openDuration", openDuration);
    }
}
