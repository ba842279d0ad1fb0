package io.cikit.core.regression;

import java.util.Locale;

/** The judgement on a metric, a change point or a whole comparison. */
public enum Verdict {
    REGRESSION,
    IMPROVEMENT,
    UNCHANGED;

    /** The lower-case word used in JSON output ({@code regression}, {@code improvement}, {@code unchanged}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
