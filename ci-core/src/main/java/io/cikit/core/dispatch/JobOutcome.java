package io.cikit.core.dispatch;

/** How a job (or one attempt of it) ended. */
public enum JobOutcome {
    /** It ran and every test passed or was skipped. */
    COMPLETE,
    /** It ran and tests failed (or the kernel did not boot): a verdict on the software under test. */
    TEST_FAILURES,
    /**
     * The lab could not give a verdict: every attempt hit a board, lab or runner failure, no board could take it, or the
     * job itself could not run (a missing artifact; then without retries).
     */
    INFRA_ERROR,
    /** It ran longer than its timeout and was killed. Not retried: a hanging kernel hangs on every board. */
    TIMEOUT,
    /** It was cancelled while queued or running (or the dispatcher closed). */
    CANCELLED
}
