package io.cikit.core.report;

import java.util.Locale;

/** The state of a commit status, as VCS providers show it beside a commit. */
public enum StatusState {
    /** Tests are queued or running. */
    PENDING,
    /** Every test passed. */
    SUCCESS,
    /** At least one test failed. */
    FAILURE,
    /** The run could not finish (lab, board or infrastructure trouble), or produced no result. */
    ERROR;

    /** The lower-case name used in JSON and on the command line: {@code pending}, {@code success}, … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
