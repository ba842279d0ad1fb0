package io.cikit.core.regression;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The judgement on one metric of the current run against its history.
 *
 * @param key the metric's series
 * @param current the value measured now, on {@code commitSha}
 * @param baseline the history it was compared with
 * @param changePercent (current − mean) / |mean| · 100; empty without history or with a zero mean
 * @param pValue one-sided probability, under the Student-t prediction distribution of the baseline, of a value at
 *         least this far from the mean in this direction; empty with fewer than two baseline values, or with no spread
 * @param verdict regression, improvement or unchanged, after the rule's checks and the metric's direction
 * @param flaggedBy the checks that flagged the value (all of the rule's, when the verdict is not unchanged)
 * @param culprit (commit of the newest baseline value, this commit] when the verdict is not unchanged
 * @param history the baseline values, oldest first (for trend charts)
 */
public record MetricChange(SeriesKey key, String unit, Direction direction, double current, String commitSha,
        Baseline baseline, OptionalDouble changePercent, OptionalDouble pValue, Verdict verdict, List<String> flaggedBy,
        Optional<CommitRange> culprit, List<MetricSample> history) {

    public MetricChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(changePercent, "changePercent");
        Objects.requireNonNull(pValue, "pValue");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(culprit, "culprit");
        flaggedBy = List.copyOf(flaggedBy);
        history = List.copyOf(history);
    }

    /** True unless the verdict is {@link Verdict#UNCHANGED}. */
    public boolean changed() {
        return verdict != Verdict.UNCHANGED;
    }
}
