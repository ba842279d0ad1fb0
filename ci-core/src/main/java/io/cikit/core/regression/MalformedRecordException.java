package io.cikit.core.regression;

import io.cikit.core.CiException;

/**
 * Input that should hold run records or a numeric series could not be read: not JSON, wrong types, a required field
 * missing, a non-finite number. The message names the field or line.
 */
public final class MalformedRecordException extends CiException {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
