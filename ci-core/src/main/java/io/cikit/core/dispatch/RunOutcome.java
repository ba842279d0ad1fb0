package io.cikit.core.dispatch;

/**
 * How one run on one board ended, as its {@link HardwareRunner} saw it. The {@link Dispatcher} turns it into a
 * {@link JobOutcome}: infrastructure errors are retried on another board, test failures are reported.
 */
public enum RunOutcome {
    /** The run finished and every test passed (or was skipped). */
    COMPLETE,
    /** The run finished and tests failed, or the kernel did not boot: a verdict on the software under test. */
    TEST_FAILURES,
    /** The board, the lab or the runner broke (flashing failed, no console, the runner crashed): retry elsewhere. */
    INFRA_ERROR,
    /** The job cannot run anywhere (an artifact is missing, the definition is invalid): no retry, the board is fine. */
    JOB_ERROR,
    /** The run was stopped by {@link RunHandle#cancel()} before it finished. */
    STOPPED
}
