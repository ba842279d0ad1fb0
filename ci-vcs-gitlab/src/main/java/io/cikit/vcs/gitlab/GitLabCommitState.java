package io.cikit.vcs.gitlab;

import java.util.Locale;

/** The states a commit status can be set to through {@code POST /projects/:id/statuses/:sha}. */
public enum GitLabCommitState {
    PENDING,
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELED,
    SKIPPED;

    /** The word GitLab's API takes: {@code pending}, {@code running}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
