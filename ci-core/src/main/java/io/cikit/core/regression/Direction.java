package io.cikit.core.regression;

import java.util.Locale;
import java.util.Optional;

/** Which way a metric improves. Decides whether a change is a regression or an improvement. */
public enum Direction {
    /** Throughput, scores, frequencies. */
    HIGHER_IS_BETTER,
    /** Durations, latencies, sizes, counts of warnings. */
    LOWER_IS_BETTER;

    /** The short word used in JSON and on the command line: {@code higher} or {@code lower}. */
    public String word() {
        return this == HIGHER_IS_BETTER ? "higher" : "lower";
    }

    /** Reads {@code higher}/{@code lower} (or the constant names), case-insensitively; empty for anything else. */
    public static Optional<Direction> parse(String word) {
        String w = word.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (w) {
            case "higher", "higher_is_better", "bigger_is_better", "up" -> Optional.of(HIGHER_IS_BETTER);
            case "lower", "lower_is_better", "smaller_is_better", "down" -> Optional.of(LOWER_IS_BETTER);
            default -> Optional.empty();
        };
    }

    /** True when going from {@code before} to {@code after} is a change for the worse. */
    public boolean isWorse(double before, double after) {
        return this == HIGHER_IS_BETTER ? after < before : after > before;
    }
}
