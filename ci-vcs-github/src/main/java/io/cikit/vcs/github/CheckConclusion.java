package io.cikit.vcs.github;

import java.util.Locale;
import java.util.Optional;

/** How a finished check run ended, as GitHub shows it. Setting one marks the run completed. */
public enum CheckConclusion {
    SUCCESS,
    FAILURE,
    NEUTRAL,
    CANCELLED,
    SKIPPED,
    TIMED_OUT,
    /** Shows the run's details link as a button the user must follow. */
    ACTION_REQUIRED;

    /** GitHub's word: {@code success}, {@code timed_out}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The conclusion GitHub calls {@code raw} (any case), if it is one a client may set. */
    public static Optional<CheckConclusion> fromWire(String raw) {
        String wanted = raw.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CheckConclusion c : values()) {
            if (c.name().equals(wanted)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
