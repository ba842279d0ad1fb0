package io.cikit.core.webhook;

/** The body's Content-Type is one the provider never sends. */
public final class UnsupportedMediaTypeException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeException(String message) {
        super(message, 415, "unsupported-media-type", null);
    }

    public UnsupportedMediaTypeException(String message, Throwable cause) {
        super(message, 415, "unsupported-media-type", cause);
    }
}
