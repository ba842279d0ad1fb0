package io.cikit.core.dispatch;

/** Where a run is, for runners that are polled (a LAVA job is Submitted, Scheduled, Running, Finished). */
public enum RunState {
    /** Accepted but not running yet (queued in a remote lab, or starting). */
    PENDING,
    /** Running on the board. */
    RUNNING,
    /** Asked to stop; the result follows. */
    STOPPING,
    /** Finished: {@link RunHandle#result()} is complete. */
    FINISHED
}
