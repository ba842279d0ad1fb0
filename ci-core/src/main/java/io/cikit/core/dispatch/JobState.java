package io.cikit.core.dispatch;

/** Where a submitted job is. A job being retried is {@link #QUEUED} again. */
public enum JobState {
    QUEUED,
    RUNNING,
    FINISHED
}
