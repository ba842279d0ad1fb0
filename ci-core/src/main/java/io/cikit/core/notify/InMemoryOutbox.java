package io.cikit.core.notify;

import io.cikit.core.notify.internal.OutboxState;
import java.util.List;

/**
 * An {@link Outbox} kept in memory only: for hosts that opt out of durability. Pending notifications are lost when
 * the process ends; within the process it behaves like {@link FileOutbox} (bounded, atomic updates).
 *
 * <p>Thread-safe. Holds at most {@link #DEFAULT_MAX_ENTRIES} entries (pending plus dead letters) unless told
 * otherwise.
 */
public final class InMemoryOutbox implements Outbox {
    /** Default bound on pending deliveries plus dead letters. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final OutboxState state;
    private boolean closed;

    public InMemoryOutbox() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public InMemoryOutbox(int maxEntries) {
        this.state = new OutboxState(maxEntries);
    }

    @Override
    public synchronized void record(OutboxUpdate update) {
        if (closed) {
            throw new OutboxException("outbox closed");
        }
        state.checkCapacity(update);
        state.apply(update);
    }

    @Override
    public synchronized List<PendingDelivery> pending() {
        return state.pending();
    }

    @Override
    public synchronized List<DeadLetter> deadLetters() {
        return state.deadLetters();
    }

    @Override
    public synchronized int depth() {
        return state.depth();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
