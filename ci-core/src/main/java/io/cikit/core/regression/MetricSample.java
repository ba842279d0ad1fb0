package io.cikit.core.regression;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One point of a metric series: the value measured in one run, and the commit it ran on. */
public record MetricSample(String commitSha, Optional<Instant> commitTime, String buildId, double value) {
    public MetricSample {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(buildId, "buildId");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("sample value must be finite: " + value);
        }
    }

    /** A sample known only by its commit (for tests and hand-built series). */
    public static MetricSample of(String commitSha, double value) {
        return new MetricSample(commitSha, Optional.empty(), "", value);
    }
}
