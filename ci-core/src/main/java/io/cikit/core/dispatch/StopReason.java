package io.cikit.core.dispatch;

/** Why the dispatcher stopped a running attempt. */
enum StopReason {
    /** The host cancelled the job. */
    CANCELLED,
    /** The dispatcher is closing. */
    CLOSED,
    /** The job ran past its timeout. */
    TIMEOUT,
    /** The board went offline or was removed: not the job's fault, nor (as far as we know) the board's. */
    BOARD_GONE,
    /** The runner stopped renewing the lease: it died or hung. */
    LEASE_EXPIRED
}
