package io.cikit.core.regression;

import java.util.Objects;

/**
 * One measurement taken in a run.
 *
 * @param test the test that measured it; empty for run-level metrics (boot time, image size)
 * @param name the measurement's name within the test
 * @param value a finite number
 * @param unit free text ({@code ms}, {@code MB/s}); empty when unitless
 * @param direction which way is better
 * @throws IllegalArgumentException if the value is NaN or infinite, or the name is empty
 */
public record MetricPoint(String test, String name, double value, String unit, Direction direction) {

    public MetricPoint {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(direction, "direction");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("metric name must not be empty (test '" + test + "')");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + test + "#" + name + " has a non-finite value: " + value);
        }
    }

    /** The key of this metric's series in the given context. */
    public SeriesKey key(RunContext context) {
        return SeriesKey.metric(context, test, name);
    }
}
