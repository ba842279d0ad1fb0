package io.cikit.core.dispatch;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A submitted job: where it is, its result when it ends, and a way to cancel it. Thread-safe.
 *
 * <p>{@link #result()} hands out a copy of the dispatcher's future, so completing or cancelling it does not touch the
 * job; use {@link #cancel()} for that.
 */
public final class JobHandle {
    private final JobEntry entry;
    private final Dispatcher dispatcher;

    JobHandle(JobEntry entry, Dispatcher dispatcher) {
        this.entry = entry;
        this.dispatcher = dispatcher;
    }

    public String id() {
        return entry.job.id();
    }

    public TestJob job() {
        return entry.job;
    }

    public JobState state() {
        return entry.state;
    }

    /** The board of the current or last attempt; empty before the first one. */
    public Optional<Board> board() {
        return Optional.ofNullable(entry.lastBoard);
    }

    /** Attempts started so far. */
    public int attempts() {
        return entry.attemptCount;
    }

    /** Whether this is a health check the dispatcher queued on its own. */
    public boolean healthCheck() {
        return entry.healthCheckFor != null;
    }

    /** Completes with the result when the job ends, whatever the outcome (never exceptionally). */
    public CompletableFuture<JobResult> result() {
        return entry.future.copy();
    }

    /**
     * Cancels the job: a queued job ends at once as {@link JobOutcome#CANCELLED}; a running one is stopped and ends as
     * CANCELLED when its runner has stopped (or after the dispatcher's stop grace).
     *
     * @return false when the job had already ended (or was already being cancelled)
     */
    public boolean cancel() {
        return dispatcher.cancel(entry);
    }

    @Override
    public String toString() {
        return "JobHandle[" + id() + ", " + state() + "]";
    }
}
