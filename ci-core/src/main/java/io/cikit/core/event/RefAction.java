package io.cikit.core.event;

import java.util.Locale;

/** What happened to a branch or tag. */
public enum RefAction {
    CREATED,
    DELETED,
    /** The ref moved (a tag re-pointed, a branch force-pushed). */
    UPDATED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
