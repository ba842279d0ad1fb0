package io.cikit.core.result;

import io.cikit.core.CiException;

/**
 * A result file could not be read: unrecognisable content, malformed or hostile XML (a DOCTYPE, an entity), a
 * document over the byte limit, or an I/O failure. The only exception {@link ResultParser}s throw for bad input.
 */
public final class ResultFormatException extends CiException {
    private static final long serialVersionUID = 1L;

    public ResultFormatException(String message) {
        super(message);
    }

    public ResultFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
