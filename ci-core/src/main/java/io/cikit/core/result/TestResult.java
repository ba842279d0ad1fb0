package io.cikit.core.result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One test's outcome as a result file reported it.
 *
 * @param path the test's place in the hierarchy, its segments joined with {@code .} ({@code example.test_one});
 *     segments are kept as written, so a name that itself contains a dot is not split back apart
 * @param status the verdict
 * @param duration how long it ran, when the format says
 * @param message diagnostics, failure text or skip reason, when there is any (bounded by {@link ResultLimits})
 * @param measurements numbers the test reported
 * @param attributes further facts: the raw directive ({@code directive=TODO}), KUnit attributes, YAML keys, JUnit
 *     class name and properties ({@code property.<name>})
 */
public record TestResult(String path, TestStatus status, Optional<Duration> duration, Optional<String> message,
        List<Measurement> measurements, Map<String, String> attributes) {

    public TestResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(message, "message");
        measurements = List.copyOf(measurements);
        attributes = Map.copyOf(attributes);
    }

    public static Builder builder(String path, TestStatus status) {
        return new Builder(path, status);
    }

    public Builder toBuilder() {
        Builder b = new Builder(path, status);
        b.duration = duration;
        b.message = message;
        b.measurements.addAll(measurements);
        b.attributes.putAll(attributes);
        return b;
    }

    /** Builds a {@link TestResult}; path and status are required. Not thread-safe. */
    public static final class Builder {
        private String path;
        private TestStatus status;
        private Optional<Duration> duration = Optional.empty();
        private Optional<String> message = Optional.empty();
        private final List<Measurement> measurements = new ArrayList<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String path, TestStatus status) {
            this.path = Objects.requireNonNull(path, "path");
            this.status = Objects.requireNonNull(status, "status");
        }

        public Builder path(String v) { this.path = Objects.requireNonNull(v, "path"); return this; }
        public Builder status(TestStatus v) { this.status = Objects.requireNonNull(v, "status"); return this; }
        public Builder duration(Duration v) { this.duration = Optional.ofNullable(v); return this; }
        public Builder message(String v) { this.message = Optional.ofNullable(v).filter(s -> !s.isEmpty()); return this; }
        public Builder measurement(Measurement v) { this.measurements.add(Objects.requireNonNull(v, "measurement")); return this; }
        public Builder attribute(String k, String v) { this.attributes.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")); return this; }

        public TestResult build() {
            return new TestResult(path, status, duration, message, measurements, attributes);
        }
    }
}
