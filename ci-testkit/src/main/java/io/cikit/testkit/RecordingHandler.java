package io.cikit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A handler that remembers every event it is given, for asserting on what a {@code Webhooks} (or any dispatcher)
 * delivered: {@code webhooks.on(PushEvent.class, pushes)}.
 *
 * <p>Thread-safe: handlers may run on an executor; {@link #await} waits for them.
 *
 * @param <E> the event type
 */
public final class RecordingHandler<E> implements Consumer<E> {
    private final List<E> events = new ArrayList<>();

    @Override
    public synchronized void accept(E event) {
        events.add(Objects.requireNonNull(event, "event"));
        notifyAll();
    }

    /** Every event received so far, in arrival order (a copy). */
    public synchronized List<E> events() {
        return List.copyOf(events);
    }

    public synchronized int count() {
        return events.size();
    }

    /**
     * The one event received.
     *
     * @throws AssertionError when none or several were received
     */
    public synchronized E single() {
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one event but received " + events.size() + ": " + events);
        }
        return events.get(0);
    }

    /**
     * Waits until at least {@code count} events have arrived and returns them all.
     *
     * @throws AssertionError when they have not arrived within the timeout, or the thread is interrupted
     */
    public synchronized List<E> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (leftMillis <= 0) {
                throw new AssertionError("expected " + count + " events within " + timeout + " but received " + events.size());
            }
            try {
                wait(leftMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + count + " events", e);
            }
        }
        return List.copyOf(events);
    }

    /** Forgets everything received. */
    public synchronized void clear() {
        events.clear();
    }

    @Override
    public synchronized String toString() {
        return "RecordingHandler[" + events.size() + " events]";
    }
}
