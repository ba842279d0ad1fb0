package io.cikit.core.result;

import java.util.Objects;

/**
 * A number a test reported besides its verdict (a latency, a throughput, a count of lines).
 *
 * @param name what was measured; for KTAP/TAP/JUnit measurements it is the test's own name
 * @param value the value; always finite
 * @param unit the unit as reported ({@code ms}, {@code MB/s}, {@code lines}); empty when none was given
 */
public record Measurement(String name, double value, String unit) {

    public Measurement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("measurement " + name + " is not a finite number: " + value);
        }
    }
}
