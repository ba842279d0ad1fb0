package io.cikit.core.report;

import io.cikit.core.regression.MetricChange;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunSummary;
import io.cikit.core.regression.StatusChange;
import io.cikit.core.regression.Verdict;
import io.cikit.core.report.internal.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Decides the commit status of a change from its {@link RegressionReport}: {@link StatusState#FAILURE} when any
 * configured condition fails, {@link StatusState#ERROR} when not a single test produced a verdict (the lab, not the
 * change, failed), else {@link StatusState#SUCCESS}.
 *
 * <p>Conditions: no new failures (on by default); pass rate at least X % of the tests with a verdict (skips and
 * infrastructure errors excluded; off by default); no metric regression larger than Y % (off by default; 0 means
 * any metric regression fails). Flaky tests never fail the gate. Immutable and thread-safe.
 */
public final class QualityGate {

    private final boolean noNewFailures;
    private final OptionalDouble minPassRatePercent;
    private final OptionalDouble maxMetricRegressionPercent;

    private QualityGate(Builder b) {
        this.noNewFailures = b.noNewFailures;
        this.minPassRatePercent = b.minPassRatePercent;
        this.maxMetricRegressionPercent = b.maxMetricRegressionPercent;
    }

    /** Fails on new failures only. */
    public static QualityGate defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public GateResult evaluate(RegressionReport report) {
        RunSummary total = report.total();
        if (total.verdicts() == 0 && report.metricChanges().isEmpty()) {
            String why = total.total() == 0 ? "no test results"
                    : "no test produced a verdict (" + total.infraErrors() + " infra errors, " + total.skipped() + " skipped)";
            return new GateResult(StatusState.ERROR, ReportRenderer.fit(why, ReportRenderer.MAX_DESCRIPTION), List.of(why));
        }
        List<String> reasons = new ArrayList<>();
        List<StatusChange> newFailures = report.statusChanges(StatusChange.Kind.NEW_FAILURE);
        if (noNewFailures && !newFailures.isEmpty()) {
            StatusChange first = newFailures.get(0);
            String board = first.key().context().boardType();
            reasons.add(Text.count(newFailures.size(), "new failure", "new failures") + (board.isEmpty() ? "" : " on " + board)
                    + ": " + first.key().test() + (newFailures.size() > 1 ? " and " + (newFailures.size() - 1) + " more" : ""));
        }
        if (minPassRatePercent.isPresent() && total.verdicts() > 0) {
            double rate = 100.0 * total.passed() / total.verdicts();
            if (rate < minPassRatePercent.getAsDouble()) {
                reasons.add(String.format(Locale.ROOT, "pass rate %.1f%% below %s%%", rate, Text.number(minPassRatePercent.getAsDouble())));
            }
        }
        if (maxMetricRegressionPercent.isPresent()) {
            double limit = maxMetricRegressionPercent.getAsDouble();
            for (MetricChange m : report.metricChanges()) {
                boolean beyond = m.verdict() == Verdict.REGRESSION
                        && (m.changePercent().isEmpty() || Math.abs(m.changePercent().getAsDouble()) > limit);
                if (beyond) {
                    String board = m.key().context().boardType();
                    reasons.add(m.key().subject() + (board.isEmpty() ? "" : " on " + board) + " regressed "
                            + (m.changePercent().isPresent() ? Text.percent(m.changePercent().getAsDouble()) : "from 0")
                            + " (limit " + Text.number(limit) + "%)");
                }
            }
        }
        if (reasons.isEmpty()) {
            return new GateResult(StatusState.SUCCESS, ReportRenderer.statusDescription(report), List.of());
        }
        return new GateResult(StatusState.FAILURE, ReportRenderer.fit(String.join("; ", reasons), ReportRenderer.MAX_DESCRIPTION), reasons);
    }

    /** Builds a {@link QualityGate}. Not thread-safe. */
    public static final class Builder {
        private boolean noNewFailures = true;
        private OptionalDouble minPassRatePercent = OptionalDouble.empty();
        private OptionalDouble maxMetricRegressionPercent = OptionalDouble.empty();

        private Builder() {
        }

        public Builder noNewFailures(boolean v) { this.noNewFailures = v; return this; }

        /** @throws IllegalArgumentException unless 0 ≤ percent ≤ 100 */
        public Builder minPassRatePercent(double percent) {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("pass rate must be between 0 and 100: " + percent);
            }
            this.minPassRatePercent = OptionalDouble.of(percent);
            return this;
        }

        /** @throws IllegalArgumentException for a negative or non-finite percentage */
        public Builder maxMetricRegressionPercent(double percent) {
            if (!(percent >= 0) || Double.isInfinite(percent)) {
                throw new IllegalArgumentException("metric regression limit must be finite and not negative: " + percent);
            }
            this.maxMetricRegressionPercent = OptionalDouble.of(percent);
            return this;
        }

        public QualityGate build() {
            return new QualityGate(this);
        }
    }
}
