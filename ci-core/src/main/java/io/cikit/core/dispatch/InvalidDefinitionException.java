package io.cikit.core.dispatch;

import io.cikit.core.CiException;

/** A board, job or lab definition (JSON) is malformed or has an invalid value; the message names the field. */
public final class InvalidDefinitionException extends CiException {
    private static final long serialVersionUID = 1L;

    public InvalidDefinitionException(String message) {
        super(message);
    }

    public InvalidDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
