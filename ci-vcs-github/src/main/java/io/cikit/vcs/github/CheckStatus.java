package io.cikit.vcs.github;

import java.util.Locale;

/** Where a check run is in its life. */
public enum CheckStatus {
    QUEUED,
    IN_PROGRESS,
    COMPLETED;

    /** GitHub's word: {@code queued}, {@code in_progress}, {@code completed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
