package io.cikit.core.git;

import java.util.Objects;

/**
 * The commits a regression may have come from: reachable from {@code firstBad} but not from {@code lastGood}, as
 * {@code git log lastGood..firstBad} lists them. Both ends are full shas, branch or tag names.
 */
public record CommitRange(String lastGood, String firstBad) {
    public CommitRange {
        Objects.requireNonNull(lastGood, "lastGood");
        Objects.requireNonNull(firstBad, "firstBad");
        if (lastGood.isBlank() || firstBad.isBlank()) {
            throw new IllegalArgumentException("both ends of a commit range must be given: '" + lastGood + ".." + firstBad + "'");
        }
    }

    /** Reads {@code lastGood..firstBad}. */
    public static CommitRange parse(String range) {
        Objects.requireNonNull(range, "range");
        int dots = range.indexOf("..");
        if (dots < 0 || range.indexOf("..", dots + 2) >= 0 || range.startsWith(".", dots + 2)) {
            throw new IllegalArgumentException("not a commit range (want lastGood..firstBad): '" + range + "'");
        }
        return new CommitRange(range.substring(0, dots).strip(), range.substring(dots + 2).strip());
    }

    @Override
    public String toString() {
        return lastGood + ".." + firstBad;
    }
}
