package io.cikit.core.webhook;

/** The request's signature or token is missing, wrong, or no secret is configured to check it against. */
public final class InvalidSignatureException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message, 401, "invalid-signature", null);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, 401, "invalid-signature", cause);
    }
}
