package io.cikit.vcs.gitlab;

import io.cikit.core.report.StatusState;
import java.util.Locale;

/** The states a commit status can be set to through {@code POST /projects/:id/statuses/:sha}. */
public enum GitLabCommitState {
    PENDING,
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELED,
    SKIPPED;

    /**
     * cikit's reporting state in GitLab's words. {@link StatusState#ERROR} (the lab could not judge the change) becomes
     * {@code failed}, as GitHub's {@code error} is red too: a missing verdict must not let a merge through. Say what
     * went wrong in the description.
     */
    public static GitLabCommitState of(StatusState state) {
        return switch (state) {
            case PENDING -> PENDING;
            case SUCCESS -> SUCCESS;
            case FAILURE, ERROR -> FAILED;
        };
    }

    /** The word GitLab's API takes: {@code pending}, {@code running}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
