package io.cikit.core.webhook;

/** No parser on the class path recognises the request, or the named provider is not on the class path (the message names the artifact to add). */
public final class UnrecognisedRequestException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public UnrecognisedRequestException(String message) {
        super(message, 400, "unrecognised-request", null);
    }

    public UnrecognisedRequestException(String message, Throwable cause) {
        super(message, 400, "unrecognised-request", cause);
    }
}
