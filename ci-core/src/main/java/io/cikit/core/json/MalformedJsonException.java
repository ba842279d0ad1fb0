package io.cikit.core.json;

import io.cikit.core.CiException;

/** A JSON document could not be read: invalid syntax, truncated, or beyond a {@link JsonLimits} bound. */
public final class MalformedJsonException extends CiException {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedJsonException(String message) {
        super(message);
    }
}
