package io.cikit.core.webhook;

/** The body is larger than the configured maximum; it was not parsed. */
public final class PayloadTooLargeException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message, 413, "payload-too-large", null);
    }

    public PayloadTooLargeException(String message, Throwable cause) {
        super(message, 413, "payload-too-large", cause);
    }
}
