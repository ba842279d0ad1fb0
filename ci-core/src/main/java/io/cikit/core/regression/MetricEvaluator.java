package io.cikit.core.regression;

import io.cikit.core.regression.internal.StudentT;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Applies a {@link MetricRule} to one new value and its history. Stateless. */
final class MetricEvaluator {

    private MetricEvaluator() {
    }

    static MetricChange evaluate(SeriesKey key, MetricPoint point, String commitSha, List<MetricSample> history,
            MetricRule rule, Optional<CommitLog> commitLog) {
        double[] values = new double[history.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = history.get(i).value();
        }
        Baseline baseline = Baseline.of(values);
        double x = point.value();
        double diff = x - baseline.mean();
        int n = baseline.count();
        OptionalDouble changePercent = n > 0 && baseline.mean() != 0 && Double.isFinite(diff / Math.abs(baseline.mean()))
                ? OptionalDouble.of(diff / Math.abs(baseline.mean()) * 100) : OptionalDouble.empty();
        OptionalDouble pValue = OptionalDouble.empty();
        if (n >= 2 && baseline.stdDev() > 0) {
            double t = diff / (baseline.stdDev() * Math.sqrt(1 + 1.0 / n));
            pValue = OptionalDouble.of(StudentT.oneSidedP(t, n - 1));
        }
        List<String> flaggedBy = new ArrayList<>();
        boolean flagged = n >= rule.minSamples() && diff != 0;
        for (Threshold check : rule.checks()) {
            if (!flagged) {
                break;
            }
            boolean flags = flags(check, baseline, diff, changePercent, pValue);
            if (flags) {
                flaggedBy.add(check.describe());
            }
            flagged = flags;
        }
        Verdict verdict = !flagged ? Verdict.UNCHANGED
                : point.direction().isWorse(baseline.mean(), x) ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        Optional<CommitRange> culprit = verdict == Verdict.UNCHANGED || history.isEmpty() ? Optional.empty()
                : Optional.of(CommitRange.resolve(Optional.of(history.get(history.size() - 1).commitSha()), commitSha, commitLog));
        return new MetricChange(key, point.unit(), point.direction(), x, commitSha, baseline, changePercent, pValue,
                verdict, flagged ? flaggedBy : List.of(), culprit, history);
    }

    private static boolean flags(Threshold check, Baseline baseline, double diff, OptionalDouble changePercent,
            OptionalDouble pValue) {
        int n = baseline.count();
        if (check instanceof Threshold.Percentage p) {
            return changePercent.isPresent() && Math.abs(changePercent.getAsDouble()) > p.percent();
        }
        if (check instanceof Threshold.Absolute a) {
            return Math.abs(diff) > a.amount();
        }
        if (check instanceof Threshold.ZScore z) {
            return n >= 2 && (baseline.stdDev() == 0 || Math.abs(diff) / baseline.stdDev() > z.limit());
        }
        Threshold.PredictionInterval t = (Threshold.PredictionInterval) check;
        return n >= 2 && (baseline.stdDev() == 0 || pValue.orElse(1) <= 1 - t.confidence());
    }
}
