package io.cikit.core;

/**
 * Work that leaves the process (an HTTP call, a status, a notification) failed. {@link #retryable()} tells a caller
 * whether the same request may succeed later (5xx, 408, 429, connection errors) or never will (other 4xx).
 */
public class DeliveryException extends CiException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether sending the same thing again later may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
