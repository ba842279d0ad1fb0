package io.cikit.core.regression;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@link ChangePointDetector}.
 *
 * @param window points per analysis window (default {@value #DEFAULT_WINDOW}, between {@code 2·minSegment} and
 *         {@value #MAX_WINDOW}); windows step by half a window. Larger windows find smaller shifts and cost
 *         O(window) more per point
 * @param pValue the significance a change point must reach, after correction for the number of split positions
 *         tested (default {@value #DEFAULT_P_VALUE}); the first pass keeps candidates at 10·pValue
 * @param minMagnitude the smallest relative change reported, |after − before| / |before| (default 0: any
 *         significant change). Relative to the level, so unlike the rest it depends on where zero is
 * @param minSegment the fewest points on either side of a change point (default {@value #DEFAULT_MIN_SEGMENT}); a
 *         change in the last {@code minSegment − 1} points is not reported yet (per-point thresholds cover those)
 * @param direction which way the measured quantity improves, when known: each change point is then labelled a
 *         regression or an improvement. Does not change which points are found
 * @throws IllegalArgumentException for values outside those ranges
 */
public record ChangePointOptions(int window, double pValue, double minMagnitude, int minSegment,
        Optional<Direction> direction) {

    public static final int DEFAULT_WINDOW = 50;
    public static final int MAX_WINDOW = 5000;
    public static final double DEFAULT_P_VALUE = 0.001;
    public static final int DEFAULT_MIN_SEGMENT = 3;

    /** Otava's window and p-value, a three-point minimum segment, no magnitude floor, no direction. */
    public static final ChangePointOptions DEFAULTS =
            new ChangePointOptions(DEFAULT_WINDOW, DEFAULT_P_VALUE, 0, DEFAULT_MIN_SEGMENT, Optional.empty());

    public ChangePointOptions {
        Objects.requireNonNull(direction, "direction");
        if (minSegment < 1) {
            throw new IllegalArgumentException("minSegment must be at least 1: " + minSegment);
        }
        if (window < 2 * minSegment || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be between 2·minSegment (" + 2 * minSegment + ") and "
                    + MAX_WINDOW + ": " + window);
        }
        if (!(pValue > 0 && pValue < 1)) {
            throw new IllegalArgumentException("pValue must be between 0 and 1 (exclusive): " + pValue);
        }
        if (!(minMagnitude >= 0) || Double.isInfinite(minMagnitude)) {
            throw new IllegalArgumentException("minMagnitude must be finite and not negative: " + minMagnitude);
        }
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ChangePointOptions} starting from the defaults. Not thread-safe. */
    public static final class Builder {
        private int window;
        private double pValue;
        private double minMagnitude;
        private int minSegment;
        private Optional<Direction> direction;

        private Builder(ChangePointOptions from) {
            window = from.window;
            pValue = from.pValue;
            minMagnitude = from.minMagnitude;
            minSegment = from.minSegment;
            direction = from.direction;
        }

        public Builder window(int v) { this.window = v; return this; }
        public Builder pValue(double v) { this.pValue = v; return this; }
        public Builder minMagnitude(double v) { this.minMagnitude = v; return this; }
        public Builder minSegment(int v) { this.minSegment = v; return this; }
        public Builder direction(Direction v) { this.direction = Optional.of(v); return this; }

        /** @throws IllegalArgumentException when a value is out of range */
        public ChangePointOptions build() {
            return new ChangePointOptions(window, pValue, minMagnitude, minSegment, direction);
        }
    }
}
