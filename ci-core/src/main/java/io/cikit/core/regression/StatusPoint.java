package io.cikit.core.regression;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One point of a pass/fail series: the outcome of a test in one run. */
public record StatusPoint(String commitSha, Optional<Instant> commitTime, String buildId, Outcome outcome) {
    public StatusPoint {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
