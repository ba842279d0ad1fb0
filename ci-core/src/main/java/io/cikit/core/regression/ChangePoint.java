package io.cikit.core.regression;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A point where a series shifted.
 *
 * @param index the first point after the change (0-based); the change entered between {@code index − 1} and
 *         {@code index}
 * @param meanBefore mean of the segment before, back to the previous change point or the start
 * @param meanAfter mean of the segment after, up to the next change point or the end
 * @param changePercent (after − before) / |before| · 100; empty when the mean before is 0
 * @param pValue the two-sided p-value of the split, robust to one outlier and Šidák-corrected for the number of
 *         positions between the neighbouring change points
 * @param verdict regression or improvement, when the detector was given a {@link Direction}
 * @param culprit the commit range, when the series carried commits
 */
public record ChangePoint(int index, double meanBefore, double meanAfter, OptionalDouble changePercent,
        double pValue, Optional<Verdict> verdict, Optional<CommitRange> culprit) {

    public ChangePoint {
        Objects.requireNonNull(changePercent, "changePercent");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(culprit, "culprit");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
    }

    ChangePoint withCulprit(CommitRange range) {
        return new ChangePoint(index, meanBefore, meanAfter, changePercent, pValue, verdict, Optional.of(range));
    }
}
