package io.cikit.core.dispatch;

/**
 * Whether a board takes jobs, in LAVA's terms. Only {@link #UNKNOWN} and {@link #HEALTHY} boards take ordinary jobs;
 * an {@link #UNHEALTHY} or {@link #UNKNOWN} board takes its health-check job when the dispatcher has one.
 */
public enum BoardHealth {
    /** Not known yet (new, or back from maintenance or offline): takes jobs, or first its health check. */
    UNKNOWN,
    /** Its last health check passed, or it has been running jobs without infrastructure failures. */
    HEALTHY,
    /** Too many infrastructure failures in a row, or a failed health check: skipped until a health check passes. */
    UNHEALTHY,
    /** Taken out by an operator: a running job finishes, no new job starts. */
    MAINTENANCE,
    /** Gone (unplugged, lab down): a running job is stopped and retried on another board. */
    OFFLINE;

    /** Whether the board takes ordinary jobs. */
    public boolean acceptsJobs() {
        return this == UNKNOWN || this == HEALTHY;
    }
}
