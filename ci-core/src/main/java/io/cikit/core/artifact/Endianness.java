package io.cikit.core.artifact;

import java.util.Locale;

/** The byte order a kernel runs in, as its image header or configuration says. */
public enum Endianness {
    LITTLE,
    BIG,
    /** Not recorded in the artifact. */
    UNKNOWN;

    /** {@code little}, {@code big}, or {@code unknown}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
