package io.cikit.core.http;

import io.cikit.core.DeliveryException;

/**
 * A server answered with a status the caller did not accept (from {@link HttpReply#requireSuccess()}).
 * {@link #retryable()} is true for 5xx, 408, 429 and a 403 that is a rate-limit rejection, false for other 4xx.
 * The message holds the redacted URI, the status and a short body excerpt; never header values.
 */
public final class HttpStatusException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String bodySnippet;

    public HttpStatusException(int status, String bodySnippet, boolean retryable, String redactedUri) {
        super(redactedUri + " answered " + status + (bodySnippet.isEmpty() ? "" : ": " + bodySnippet), retryable);
        this.status = status;
        this.bodySnippet = bodySnippet;
    }

    public int status() {
        return status;
    }

    /** The start of the reply body, on one line (at most a few hundred characters). */
    public String bodySnippet() {
        return bodySnippet;
    }
}
