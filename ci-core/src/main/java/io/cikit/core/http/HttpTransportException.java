package io.cikit.core.http;

import io.cikit.core.DeliveryException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * No reply came: the connection failed, the attempt timed out, the stream broke, the circuit for the host is open,
 * or the calling thread was interrupted; thrown once retries are used up. Always {@link #retryable()}: the same
 * request may succeed later. {@link #reason()} says which failure it was.
 */
public class HttpTransportException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    /** Why no reply came. */
    public enum Reason {
        /** The connection could not be made (refused, unresolvable host, connect timeout): nothing was sent. */
        CONNECT,
        /** No complete reply within the timeout. */
        TIMEOUT,
        /** The connection broke while sending or receiving. */
        IO,
        /** The host's circuit breaker is open; nothing was sent. */
        CIRCUIT_OPEN,
        /** The calling thread was interrupted while sending or waiting; its interrupt flag is set again. */
        INTERRUPTED
    }

    private final Reason reason;

    public HttpTransportException(String message, Reason reason, @Nullable Throwable cause) {
        super(message, true, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
