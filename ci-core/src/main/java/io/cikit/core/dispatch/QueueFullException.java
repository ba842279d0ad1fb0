package io.cikit.core.dispatch;

import io.cikit.core.CiException;

/** The dispatcher's queue holds its maximum number of jobs; submit again once some have started. */
public final class QueueFullException extends CiException {
    private static final long serialVersionUID = 1L;

    private final int capacity;

    public QueueFullException(int capacity) {
        super("the dispatch queue is full (" + capacity + " jobs waiting); submit again once some have started");
        this.capacity = capacity;
    }

    /** The queue's capacity. */
    public int capacity() {
        return capacity;
    }
}
