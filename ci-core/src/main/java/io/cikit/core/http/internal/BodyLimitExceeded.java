package io.cikit.core.http.internal;

import java.io.IOException;

/**
 * A reply body went past its byte limit; raised inside a body subscriber and turned into the public
 * {@code ReplyTooLargeException} by the transport. An {@link IOException} so the HTTP client passes it through.
 */
public final class BodyLimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    public BodyLimitExceeded(long limitBytes, String detail) {
        super("reply body larger than " + limitBytes + " bytes (" + detail + ")");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
