package io.cikit.core.result;

import java.util.Locale;
import java.util.Optional;

/** The result file formats cikit reads; {@link #AUTO} means "look at the content and decide". */
public enum ResultFormat {
    AUTO,
    KTAP,
    TAP,
    JUNIT;

    /** The lower-case name used on the command line and in JSON ({@code ktap}, {@code tap}, {@code junit}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format with the given {@link #id()} (case-insensitive); empty for a name cikit does not know. */
    public static Optional<ResultFormat> fromId(String id) {
        for (ResultFormat f : values()) {
            if (f.id().equalsIgnoreCase(id.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
