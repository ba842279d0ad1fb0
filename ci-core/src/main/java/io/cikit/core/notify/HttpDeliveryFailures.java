package io.cikit.core.notify;

import io.cikit.core.DeliveryException;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The retry classes of an HTTP answer, as every channel over HTTP applies them: 2xx accepted; 429 and 503 with a
 * {@code Retry-After} retryable after exactly that wait; other 5xx, 408 and 429 retryable with backoff; any other
 * status (4xx, an unfollowed 3xx, 1xx) permanent. Channels turn a non-2xx answer into the
 * {@link DeliveryException} the dispatcher acts on with {@link #failure}.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpDeliveryFailures {

    private HttpDeliveryFailures() {
    }

    /** Whether the destination accepted the delivery (any 2xx). */
    public static boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    /** Whether a delivery refused with this status may succeed later (5xx, 408, 429). */
    public static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /**
     * The exception for a refused delivery.
     *
     * @param retryAfter the destination's {@code Retry-After} (or an equivalent it sent), if any; honoured for
     *     429 and 503 only
     * @param message what happened, for logs and dead letters; must not contain credentials
     * @throws IllegalArgumentException for a 2xx status, which is no failure
     */
    public static DeliveryException failure(int status, Optional<Duration> retryAfter, String message) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(message, "message");
        if (accepted(status)) {
            throw new IllegalArgumentException("HTTP " + status + " is not a failure");
        }
        if ((status == 429 || status == 503) && retryAfter.isPresent()) {
            return new DeliveryException(message, retryAfter.get());
        }
        return new DeliveryException(message, retryable(status));
    }

    /**
     * The transport a channel sends with when the host gives none: one attempt per call, never waiting out a
     * {@code Retry-After}, because the dispatcher owns retries, backoff and throttling.
     */
    public static HttpTransport singleAttemptTransport(Duration timeout, String userAgent) {
        return HttpTransport.builder()
                .connectTimeout(timeout)
                .requestTimeout(timeout)
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).maxRetryAfter(Duration.ZERO).build())
                .userAgent(userAgent)
                .build();
    }
}
