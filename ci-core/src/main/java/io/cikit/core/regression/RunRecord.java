package io.cikit.core.regression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a test plan on one board: its context, the commit and build it tested, every test's outcome and every
 * measurement taken. This is one line of the history.
 *
 * <p>Tests are sorted by path and metrics by (test, name), each at most once, so lookups are binary searches and
 * output order is deterministic. {@link Builder} merges repeats; the constructor rejects them.
 *
 * @param commitSha the commit the run tested; never empty
 * @param buildId the CI build that produced the tested artifacts; empty when unknown
 * @throws IllegalArgumentException for an empty commit or a test or metric listed twice
 */
public record RunRecord(RunContext context, String commitSha, Optional<Instant> commitTime, String buildId,
        List<TestOutcome> tests, List<MetricPoint> metrics) {

    private static final Comparator<MetricPoint> METRIC_ORDER =
            Comparator.comparing(MetricPoint::test).thenComparing(MetricPoint::name);

    public RunRecord {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(commitTime, "commitTime");
        Objects.requireNonNull(buildId, "buildId");
        if (commitSha.isBlank()) {
            throw new IllegalArgumentException("a run record needs the commit it tested");
        }
        List<TestOutcome> sortedTests = new ArrayList<>(tests);
        sortedTests.sort(Comparator.comparing(TestOutcome::test));
        for (int i = 1; i < sortedTests.size(); i++) {
            if (sortedTests.get(i).test().equals(sortedTests.get(i - 1).test())) {
                throw new IllegalArgumentException("test listed twice in one run: " + sortedTests.get(i).test());
            }
        }
        List<MetricPoint> sortedMetrics = new ArrayList<>(metrics);
        sortedMetrics.sort(METRIC_ORDER);
        for (int i = 1; i < sortedMetrics.size(); i++) {
            if (METRIC_ORDER.compare(sortedMetrics.get(i), sortedMetrics.get(i - 1)) == 0) {
                MetricPoint m = sortedMetrics.get(i);
                throw new IllegalArgumentException("metric listed twice in one run: " + m.test() + "#" + m.name());
            }
        }
        tests = List.copyOf(sortedTests);
        metrics = List.copyOf(sortedMetrics);
    }

    public static Builder builder(RunContext context, String commitSha) {
        return new Builder(context, commitSha);
    }

    /** This test's outcome in the run, if it ran. */
    public Optional<Outcome> outcome(String test) {
        int lo = 0;
        int hi = tests.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = tests.get(mid).test().compareTo(test);
            if (c == 0) {
                return Optional.of(tests.get(mid).outcome());
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** This measurement in the run, if taken. */
    public Optional<MetricPoint> metric(String test, String name) {
        int lo = 0;
        int hi = metrics.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(metrics.get(mid), test, name);
            if (c == 0) {
                return Optional.of(metrics.get(mid));
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** Order of metrics in a run: by test, then name. */
    static int compare(MetricPoint m, String test, String name) {
        int c = m.test().compareTo(test);
        return c != 0 ? c : m.name().compareTo(name);
    }

    /**
     * Builds a {@link RunRecord}. A test reported twice keeps the more severe outcome (fail over error over pass over
     * infra error over skip); a metric reported twice keeps the last value. Not thread-safe.
     */
    public static final class Builder {
        private final RunContext context;
        private final String commitSha;
        private Optional<Instant> commitTime = Optional.empty();
        private String buildId = "";
        private final List<TestOutcome> tests = new ArrayList<>();
        private final List<MetricPoint> metrics = new ArrayList<>();

        private Builder(RunContext context, String commitSha) {
            this.context = Objects.requireNonNull(context, "context");
            this.commitSha = Objects.requireNonNull(commitSha, "commitSha");
        }

        public Builder commitTime(Instant v) { this.commitTime = Optional.of(v); return this; }
        public Builder buildId(String v) { this.buildId = Objects.requireNonNull(v, "buildId"); return this; }

        public Builder test(String test, Outcome outcome) {
            tests.add(new TestOutcome(test, outcome));
            return this;
        }

        public Builder metric(MetricPoint metric) {
            metrics.add(Objects.requireNonNull(metric, "metric"));
            return this;
        }

        public Builder metric(String test, String name, double value, String unit, Direction direction) {
            return metric(new MetricPoint(test, name, value, unit, direction));
        }

        public RunRecord build() {
            // stable sorts (linear on already sorted input), then merge repeats
            List<TestOutcome> sortedTests = new ArrayList<>(tests);
            sortedTests.sort(Comparator.comparing(TestOutcome::test));
            List<TestOutcome> mergedTests = new ArrayList<>(sortedTests.size());
            for (TestOutcome t : sortedTests) {
                int last = mergedTests.size() - 1;
                if (last >= 0 && mergedTests.get(last).test().equals(t.test())) {
                    if (t.outcome().severity() > mergedTests.get(last).outcome().severity()) {
                        mergedTests.set(last, t);
                    }
                } else {
                    mergedTests.add(t);
                }
            }
            List<MetricPoint> sortedMetrics = new ArrayList<>(metrics);
            sortedMetrics.sort(METRIC_ORDER);
            List<MetricPoint> mergedMetrics = new ArrayList<>(sortedMetrics.size());
            for (MetricPoint m : sortedMetrics) {
                int last = mergedMetrics.size() - 1;
                if (last >= 0 && METRIC_ORDER.compare(mergedMetrics.get(last), m) == 0) {
                    mergedMetrics.set(last, m);
                } else {
                    mergedMetrics.add(m);
                }
            }
            return new RunRecord(context, commitSha, commitTime, buildId, mergedTests, mergedMetrics);
        }
    }
}
