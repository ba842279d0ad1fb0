package io.cikit.core.webhook;

/** The body is not a readable payload: invalid or truncated JSON, a JSON limit exceeded, a form body without {@code payload}, or a document missing what every such payload has. */
public final class MalformedPayloadException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message, 400, "malformed-payload", null);
    }

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, 400, "malformed-payload", cause);
    }
}
