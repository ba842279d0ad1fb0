package io.cikit.core.webhook;

import io.cikit.core.CiException;

/**
 * A delivery was refused. Carries the HTTP status a server should answer and a stable machine-readable code.
 * Subtypes: {@link InvalidSignatureException} (401), {@link MalformedPayloadException} (400),
 * {@link PayloadTooLargeException} (413), {@link UnsupportedMediaTypeException} (415),
 * {@link UnrecognisedRequestException} (400).
 */
public abstract class WebhookException extends CiException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String code;

    protected WebhookException(String message, int httpStatus, String code, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** The status a server should answer the sender with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** A stable kebab-case code: {@code invalid-signature}, {@code malformed-payload}, … */
    public String code() {
        return code;
    }
}
