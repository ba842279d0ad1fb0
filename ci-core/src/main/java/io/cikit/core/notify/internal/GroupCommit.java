package io.cikit.core.notify.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The queue behind {@link io.cikit.core.notify.FileOutbox}'s group commit: callers queue frames in sequence order,
 * one caller at a time is the writer, and every caller that needs its frame durable sleeps until it is.
 *
 * <p>The writer takes every queued frame, writes and forces them, then {@linkplain #published publishes}: each
 * caller whose frame is now durable is woken (once, individually: no thundering herd), and if callers still wait,
 * the first of them is woken as the next writer. Before taking a batch, a writer waits briefly for the callers that
 * were active at the last two publishes to queue again ({@link #take}): with {@code n} callers each sending one frame
 * at a time, batches would otherwise settle into two halves, each paying a whole fsync. The wait ends as soon as they are
 * all queued, and never lasts more than a quarter of the last forced write or {@link #MAX_GATHER} (250 µs),
 * whichever is less: with {@code fsync} off, writes are fast and the wait all but vanishes. Frames that only acknowledge ({@code lazy}) never make anyone wait: the writer at work, or the next one,
 * takes them along.
 *
 * <p>An exclusive writer (compaction, close) gets the writer's role before any other waiting caller and takes their
 * frames along. After a failed write every waiting caller is woken with {@link Turn#FAILED}.
 *
 * <p>Thread-safe. State is guarded by this object's monitor (short critical sections, where the JVM's adaptive
 * spinning avoids parking); callers sleep on their own ticket, never on the monitor, and are woken after the monitor
 * is released, so that they do not find it held when they come straight back.
 */
public final class GroupCommit {
    /** The longest a writer waits for callers to queue again before it writes. */
    public static final Duration MAX_GATHER = Duration.ofNanos(250_000);

    /** What a waiting caller is told when it wakes. */
    public enum Turn {
        /** Its frame is durable. */
        DONE,
        /** It is the writer now: call {@link #take}, write, {@link #published}, and finally {@link #handOff}. */
        LEAD,
        /** A write failed; see {@link #failure()}. */
        FAILED
    }

    /** A caller's place in the queue. */
    public static final class Ticket {
        private final @Nullable Thread waiter;
        private final boolean lead;
        private final long seq;
        private volatile @Nullable Turn turn;

        private Ticket(@Nullable Thread waiter, boolean lead, long seq) {
            this.waiter = waiter;
            this.lead = lead;
            this.seq = seq;
        }

        /** Whether the caller became the writer when it queued (nobody was writing). */
        public boolean mustLead() {
            return lead;
        }

        /** Whether the caller has to {@link #await} its turn (a forced frame queued behind a writer at work). */
        public boolean mustWait() {
            return waiter != null;
        }
    }

    /**
     * Frames taken by the writer.
     *
     * @param force whether a caller waits for one of them to be on disk
     * @param end the sequence number of the last frame
     * @param forcedCallers how many of them have a caller waiting for the disk (the writer's own included)
     */
    public record Batch(List<byte[]> payloads, boolean force, long end, int forcedCallers) {
    }

    private final long maxGatherNanos;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private final AtomicLong forcedWrites = new AtomicLong();
    // guarded by this
    private List<byte[]> queued = new ArrayList<>();
    private boolean queuedNeedsForce;
    private int queuedForced;
    private long queuedSeq;
    private boolean writing;
    private int exclusiveWanted;
    private @Nullable Throwable failure;
    private int activeAtPublish;
    private int activeBefore;
    private long lastForceNanos;
    private @Nullable Thread gatherer;
    private int gatherTarget;

    /** A queue whose writers wait at most {@link #MAX_GATHER} for callers to queue again. */
    public GroupCommit() {
        this(MAX_GATHER);
    }

    /** A queue whose writers wait at most {@code maxGather} (and a quarter of the last forced write) for callers. */
    public GroupCommit(Duration maxGather) {
        if (maxGather.isNegative()) {
            throw new IllegalArgumentException("maxGather must not be negative: " + maxGather);
        }
        this.maxGatherNanos = maxGather.toNanos();
    }

    /**
     * Queues a frame. The caller then {@linkplain Ticket#mustLead leads}, {@linkplain #await awaits} its turn, or
     * (a lazy frame behind a writer) simply returns. A caller that must queue its frame atomically with other work
     * (the outbox applies the update to its state) holds this object's monitor around both.
     */
    public Ticket enqueue(byte[] payload, boolean lazy) {
        Ticket t;
        Thread gathering;
        synchronized (this) {
            queued.add(payload);
            long seq = ++queuedSeq;
            if (!lazy) {
                queuedNeedsForce = true;
                queuedForced++;
            }
            if (!writing && exclusiveWanted == 0) {
                writing = true;
                return new Ticket(null, true, seq);
            }
            if (lazy) {
                return new Ticket(null, false, seq);
            }
            t = new Ticket(Thread.currentThread(), false, seq);
            waiting.addLast(t);
            gathering = gatherer != null && queuedForced >= gatherTarget ? gatherer : null;
        }
        if (gathering != null) {
            LockSupport.unpark(gathering);
        }
        return t;
    }

    /**
     * Sleeps until the ticket's frame is durable, the caller is to write, or a write failed. Not interruptible (the
     * wait is bounded by the disk): an interrupt is kept for the caller.
     */
    public Turn await(Ticket ticket) {
        if (!ticket.mustWait()) {
            throw new IllegalStateException("this ticket does not wait");
        }
        boolean interrupted = false;
        Turn turn;
        while ((turn = ticket.turn) == null) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return turn;
    }

    /** The writer takes every queued frame, after waiting briefly for recently active callers to queue again. */
    public Batch take() {
        long deadline = 0;
        while (true) {
            long left;
            synchronized (this) {
                // two publishes in a row must have seen the callers: a single sender whose frame once shared a write
                // with another thread's must not wait for a second caller that is not coming
                int target = Math.min(activeBefore, activeAtPublish);
                if (deadline == 0) {
                    deadline = System.nanoTime() + Math.min(maxGatherNanos, lastForceNanos / 4);
                }
                left = deadline - System.nanoTime();
                if (queuedForced == 0 || queuedForced >= target || left <= 0) {
                    gatherer = null;
                    Batch b = new Batch(queued, queuedNeedsForce, queuedSeq, queuedForced);
                    queued = new ArrayList<>();
                    queuedNeedsForce = false;
                    queuedForced = 0;
                    return b;
                }
                gatherer = Thread.currentThread();
                gatherTarget = target;
            }
            // outside the monitor, so callers can queue; they unpark this thread once enough have
            LockSupport.parkNanos(this, left);
        }
    }

    /**
     * The writer has written (and, if {@code batch.force()}, forced) the batch in {@code writeNanos}: wakes every
     * caller whose frame it held. Returns whether the writer should go on with another batch: only lazy frames
     * are queued and nobody waits (a caller that waits would rather write its own batch).
     */
    public boolean published(Batch batch, long writeNanos) {
        List<Ticket> durable = new ArrayList<>();
        boolean goOn;
        synchronized (this) {
            if (batch.force()) {
                forcedWrites.incrementAndGet();
                lastForceNanos = writeNanos;
            }
            while (!waiting.isEmpty() && waiting.peekFirst().seq <= batch.end()) {
                Ticket t = waiting.pollFirst();
                t.turn = Turn.DONE;
                durable.add(t);
            }
            if (batch.forcedCallers() > 0) {
                activeBefore = activeAtPublish;
                activeAtPublish = batch.forcedCallers() + waiting.size();
            }
            goOn = waiting.isEmpty() && !queued.isEmpty();
        }
        // woken outside the monitor: they come straight back to enqueue and should not find it held
        for (Ticket t : durable) {
            LockSupport.unpark(t.waiter);
        }
        return goOn;
    }

    /**
     * The writer is done: an exclusive writer waiting gets the role first, else the first waiting caller; with
     * nobody waiting, the role is free.
     */
    public void handOff() {
        Ticket next;
        synchronized (this) {
            if (exclusiveWanted > 0) {
                writing = false;
                notifyAll();
                return;
            }
            next = waiting.pollFirst();
            if (next == null) {
                writing = false;
                return;
            }
            next.turn = Turn.LEAD;
        }
        LockSupport.unpark(next.waiter);
    }

    /** Waits until the writer's role is free and takes it, ahead of waiting callers. Hand it back with {@link #handOff}. */
    public synchronized void becomeExclusiveWriter() {
        exclusiveWanted++;
        boolean interrupted = false;
        try {
            while (writing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            writing = true;
        } finally {
            exclusiveWanted--;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A write failed: every waiting caller wakes with {@link Turn#FAILED}, and the role is free. */
    public synchronized void fail(Throwable cause) {
        failure = cause;
        while (!waiting.isEmpty()) {
            wake(waiting.pollFirst(), Turn.FAILED);
        }
        writing = false;
        notifyAll();
    }

    /** The failure of an earlier write, if one failed. */
    public synchronized Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Forced writes published so far. */
    public long forcedWrites() {
        return forcedWrites.get();
    }

    private static void wake(Ticket t, Turn turn) {
        t.turn = turn;
        LockSupport.unpark(t.waiter);
    }

    @Override
    public synchronized String toString() {
        return "GroupCommit[queued=" + queued.size() + ", waiting=" + waiting.size() + ", writing=" + writing
                + ", lastForce=" + TimeUnit.NANOSECONDS.toMicros(lastForceNanos) + "µs]";
    }
}
