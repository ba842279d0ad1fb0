package io.cikit.core.report;

/**
 * The state of a commit status or check as cikit reports it to a VCS. Each VCS module maps it to its own words
 * (GitHub {@code pending/success/failure/error}, GitLab {@code pending/success/failed/...}).
 */
public enum StatusState {
    /** Tests are queued or running. */
    PENDING,
    /** Tests ran and the quality gate passed. */
    SUCCESS,
    /** Tests ran and the quality gate failed: the change is at fault. */
    FAILURE,
    /** Tests could not run or report (lab or infrastructure trouble): the change is not judged. */
    ERROR
}
