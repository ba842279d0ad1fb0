package io.cikit.core.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run's tests and metrics looked up in its context's past runs. Every run keeps its tests and metrics sorted, so
 * each past run is walked once alongside the current one (a merge join) instead of searched once per test: the cost
 * is O(runs × (tests + metrics)) comparisons for a whole check. Not thread-safe; built per check.
 */
final class PastRuns {

    /** The past runs, newest first. */
    final List<RunRecord> newestFirst;
    /** {@code outcomes[i][k]}: test i of the current run in past run k (newest first); null where it did not run. */
    final Outcome[][] outcomes;
    /** {@code values[i][k]}: metric i of the current run in past run k; NaN where it was not measured. */
    final double[][] values;
    /** Tests of the newest past run that the current run lacks. */
    final List<TestOutcome> missing;

    PastRuns(RunRecord current, List<RunRecord> oldestFirst) {
        newestFirst = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        List<TestOutcome> tests = current.tests();
        List<MetricPoint> metrics = current.metrics();
        int runs = newestFirst.size();
        outcomes = new Outcome[tests.size()][runs];
        values = new double[metrics.size()][runs];
        for (double[] row : values) {
            Arrays.fill(row, Double.NaN);
        }
        missing = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            RunRecord past = newestFirst.get(k);
            alignTests(tests, past.tests(), k);
            alignMetrics(metrics, past.metrics(), k);
        }
    }

    private void alignTests(List<TestOutcome> current, List<TestOutcome> past, int k) {
        int i = 0;
        int j = 0;
        while (j < past.size()) {
            int c = i < current.size() ? current.get(i).test().compareTo(past.get(j).test()) : 1;
            if (c == 0) {
                outcomes[i++][k] = past.get(j++).outcome();
            } else if (c < 0) {
                i++;
            } else {
                if (k == 0) {
                    missing.add(past.get(j));
                }
                j++;
            }
        }
    }

    private void alignMetrics(List<MetricPoint> current, List<MetricPoint> past, int k) {
        int i = 0;
        int j = 0;
        while (i < current.size() && j < past.size()) {
            MetricPoint p = past.get(j);
            int c = RunRecord.compare(current.get(i), p.test(), p.name());
            if (c == 0) {
                values[i++][k] = p.value();
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
    }

    /** Metric i's last {@code window} values, oldest first, as samples of the runs they came from. */
    List<MetricSample> samples(int i, int window) {
        List<MetricSample> out = new ArrayList<>(Math.min(window, newestFirst.size()));
        for (int k = 0; k < newestFirst.size() && out.size() < window; k++) {
            double v = values[i][k];
            if (!Double.isNaN(v)) {
                RunRecord run = newestFirst.get(k);
                out.add(new MetricSample(run.commitSha(), run.commitTime(), run.buildId(), v));
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
