package io.cikit.core.regression;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one test between its history and the current run. Skips and infrastructure errors are
 * transparent: the comparison is with the test's last pass, fail or error.
 *
 * @param from the test's last verdict before (for {@link Kind#MISSING}: its outcome in the previous run); empty for
 *         a new test
 * @param to its outcome now; empty when missing
 * @param flips pass↔fail flips among the test's last verdicts (see {@link RegressionDetector.Builder#flakyWindow})
 * @param range for {@link Kind#NEW_FAILURE}: (last pass, this run] — the culprit range; for {@link Kind#FIXED}: (last
 *         failure, this run]; for {@link Kind#STILL_FAILING}: (last pass, first failure] as far as the history goes
 */
public record StatusChange(SeriesKey key, Kind kind, Optional<Outcome> from, Optional<Outcome> to, int flips,
        Optional<CommitRange> range) {

    /** The kinds of change, in the order reports list them. */
    public enum Kind {
        /** Passed last time it had a verdict, fails now: a regression. */
        NEW_FAILURE,
        /** Failed last time, passes now. */
        FIXED,
        /**
         * Flip-flopping, reported instead of a new failure or a fix: a failure with two or more pass↔fail flips
         * among the test's recent verdicts (this one included), or a pass with three or more (a single failure
         * episode that ends is a fix, not flakiness).
         */
        FLAKY,
        /** Failed last time and fails now. */
        STILL_FAILING,
        /** Its first verdict: never ran before, or only ever skipped. */
        NEW_TEST,
        /** Ran in the previous run of this context, absent now. */
        MISSING
    }

    public StatusChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(range, "range");
    }
}
