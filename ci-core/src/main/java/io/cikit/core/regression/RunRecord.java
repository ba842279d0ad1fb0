package io.cikit.core.regression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
        int i = Collections.binarySearch(tests, new TestOutcome(test, Outcome.UNKNOWN), Comparator.comparing(TestOutcome::test));
        return i >= 0 ? Optional.of(tests.get(i).outcome()) : Optional.empty();
    }

    /** This measurement in the run, if taken. */
    public Optional<MetricPoint> metric(String test, String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        int i = Collections.binarySearch(metrics, new MetricPoint(test, name, 0, "", Direction.LOWER_IS_BETTER), METRIC_ORDER);
        return i >= 0 ? Optional.of(metrics.get(i)) : Optional.empty();
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
        private final Map<String, Outcome> tests = new TreeMap<>();
        private final Map<String, MetricPoint> metrics = new TreeMap<>();

        private Builder(RunContext context, String commitSha) {
            this.context = Objects.requireNonNull(context, "context");
            this.commitSha = Objects.requireNonNull(commitSha, "commitSha");
        }

        public Builder commitTime(Instant v) { this.commitTime = Optional.of(v); return this; }
        public Builder buildId(String v) { this.buildId = Objects.requireNonNull(v, "buildId"); return this; }

        public Builder test(String test, Outcome outcome) {
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(outcome, "outcome");
            tests.merge(test, outcome, (a, b) -> a.severity() >= b.severity() ? a : b);
            return this;
        }

        public Builder metric(MetricPoint metric) {
            metrics.put(metric.test() + '\u0000' + metric.name(), metric);
            return this;
        }

        public Builder metric(String test, String name, double value, String unit, Direction direction) {
            return metric(new MetricPoint(test, name, value, unit, direction));
        }

        public RunRecord build() {
            List<TestOutcome> list = new ArrayList<>(tests.size());
            tests.forEach((t, o) -> list.add(new TestOutcome(t, o)));
            return new RunRecord(context, commitSha, commitTime, buildId, list, new ArrayList<>(metrics.values()));
        }
    }
}
