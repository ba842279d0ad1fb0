package io.cikit.build.jenkins;

import io.cikit.core.CiException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A queued build never got a build number: its queue item was cancelled, vanished, or did not leave the queue within
 * the timeout; or the waiting thread was interrupted (its interrupt flag is set again). {@link #reason()} says which,
 * {@link #why()} carries Jenkins' own explanation of the wait when it gave one.
 */
public final class BuildNotStartedException extends CiException {
    private static final long serialVersionUID = 1L;

    /** Why no build number came. */
    public enum Reason {
        /** Someone cancelled the queue item. */
        CANCELLED,
        /** Jenkins no longer knows the queue item (it forgets them a few minutes after they leave the queue). */
        GONE,
        /** Still queued when the wait ended. */
        TIMED_OUT,
        /** The waiting thread was interrupted. */
        INTERRUPTED
    }

    private final Reason reason;
    private final URI queueItem;
    private final String why;

    public BuildNotStartedException(Reason reason, URI queueItem, String why, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.queueItem = Objects.requireNonNull(queueItem, "queueItem");
        this.why = Objects.requireNonNull(why, "why");
    }

    public Reason reason() {
        return reason;
    }

    /** The queue item that was followed. */
    public URI queueItem() {
        return queueItem;
    }

    /** Jenkins' {@code why} for the wait ({@code Waiting for next available executor}), when it said. */
    public Optional<String> why() {
        return why.isBlank() ? Optional.empty() : Optional.of(why);
    }
}
