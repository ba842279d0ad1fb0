package io.cikit.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Work that leaves the process (an HTTP call, a status, a notification) failed. {@link #retryable()} tells a caller
 * whether the same request may succeed later (5xx, 408, 429, connection errors) or never will (other 4xx).
 * {@link #retryAfter()} carries the wait a destination asked for (a {@code Retry-After} header), when it named one.
 */
public class DeliveryException extends CiException {
    private static final long serialVersionUID = 2L;

    private final boolean retryable;
    private final @Nullable Duration retryAfter;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = null;
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = null;
    }

    /**
     * A retryable failure where the destination said how long to wait (HTTP 429/503 with {@code Retry-After}).
     *
     * @param retryAfter the wait asked for; negative values count as zero
     */
    public DeliveryException(String message, Duration retryAfter) {
        super(message);
        this.retryable = true;
        this.retryAfter = nonNegative(retryAfter);
    }

    /** Like {@link #DeliveryException(String, Duration)}, keeping the cause. */
    public DeliveryException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = true;
        this.retryAfter = nonNegative(retryAfter);
    }

    /** Whether sending the same thing again later may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The wait the destination asked for before the next attempt; empty when it named none. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static Duration nonNegative(Duration d) {
        Objects.requireNonNull(d, "retryAfter");
        return d.isNegative() ? Duration.ZERO : d;
    }
}
