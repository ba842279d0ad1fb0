package io.cikit.core.notify;

import io.cikit.core.CiException;

/**
 * An {@link Outbox} could not record an update: it is full, closed, already open in another process, or its
 * storage failed. Nothing of the update was accepted.
 */
public class OutboxException extends CiException {
    private static final long serialVersionUID = 1L;

    public OutboxException(String message) {
        super(message);
    }

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
