package io.cikit.core.event;

import java.util.Locale;

/** The kind of a {@link CiEvent}, for handler registration and routing. */
public enum EventType {
    PUSH,
    PULL_REQUEST,
    TAG,
    BRANCH,
    COMMENT,
    BUILD,
    /** Anything else a provider sends (ping, release, issues, …): accepted and kept, not interpreted. */
    OTHER;

    /** The lower-case name used on the command line and in JSON: {@code push}, {@code pull_request}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
