package io.cikit.core.http;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The call was not sent because the host's circuit breaker is open after repeated failures. Fails fast; retry
 * after {@link #retryIn()}.
 */
public final class CircuitOpenException extends HttpTransportException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final Duration retryIn;

    public CircuitOpenException(String host, Duration retryIn, @Nullable Throwable lastFailure) {
        super("circuit open for " + host + " after repeated failures; next trial in " + retryIn.toMillis() + " ms",
                Reason.CIRCUIT_OPEN, lastFailure);
        this.host = Objects.requireNonNull(host, "host");
        this.retryIn = retryIn;
    }

    /** The host key ({@code host[:port]}) whose circuit is open. */
    public String host() {
        return host;
    }

    /** How long until the circuit lets a trial call through (zero when a trial is already under way). */
    public Duration retryIn() {
        return retryIn;
    }
}
