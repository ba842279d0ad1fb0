package io.cikit.core.http;

import io.cikit.core.DeliveryException;

/**
 * A reply body (or a download) was larger than allowed. The stream was cut as soon as the limit was passed (or
 * before reading, when {@code Content-Length} said so), and a partial download file was deleted. Not retryable.
 */
public final class ReplyTooLargeException extends DeliveryException {
    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    public ReplyTooLargeException(String message, long limitBytes) {
        super(message, false);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
