package io.cikit.core.notify;

import java.util.Locale;
import java.util.Optional;

/** How bad a notification is, ordered: {@code INFO < WARNING < ERROR < CRITICAL}. */
public enum Severity {
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    /** Whether this severity is {@code min} or worse. */
    public boolean atLeast(Severity min) {
        return compareTo(min) >= 0;
    }

    /** The worse of two severities. */
    public Severity max(Severity other) {
        return atLeast(other) ? this : other;
    }

    /**
     * Reads a severity name, case-insensitive, ignoring surrounding blanks; {@code warn} is accepted for
     * {@code WARNING}. Never throws: an unknown name is empty.
     */
    public static Optional<Severity> parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.equals("WARN")) {
            return Optional.of(WARNING);
        }
        for (Severity v : values()) {
            if (v.name().equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
