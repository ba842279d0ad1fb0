package io.cikit.core.dispatch;

/**
 * Told about jobs as the {@link Dispatcher} moves them along. Board changes (health, offline, …) come from
 * {@link BoardPool#addListener}.
 *
 * <p>Called on dispatcher and runner threads, never under the dispatcher's lock, possibly concurrently for different
 * jobs; must return quickly and must not block on the dispatcher. A listener that throws is logged and ignored.
 */
public interface DispatchListener {

    /** The job entered the queue (also after a retry is scheduled). */
    default void jobQueued(TestJob job, int nextAttempt) {
    }

    /** An attempt got a board and is being started. */
    default void attemptStarted(TestJob job, Board board, int attempt) {
    }

    /** An attempt ended. */
    default void attemptEnded(TestJob job, Attempt attempt) {
    }

    /** The job ended, for good. Called exactly once per submitted job, before its future completes. */
    default void jobFinished(JobResult result) {
    }
}
