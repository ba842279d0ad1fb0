package io.cikit.core.regression;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the runs of a commit with their history: pass/fail transitions per test (KernelCI's model) and per-point
 * metric checks (Bencher's, Conbench's and percentage thresholds), with culprit commit ranges.
 *
 * <ul>
 *   <li>Each run is compared with the last {@code historyDepth} runs (default {@value #DEFAULT_HISTORY_DEPTH}) of
 *       the same {@link RunContext}: same repository, branch, board type, arch, config and compiler.</li>
 *   <li>A test's verdict is compared with its last pass/fail/error; skips and infrastructure errors in between are
 *       transparent, and a skipped or infra-errored test now produces no change. Flips among the test's last
 *       {@code flakyWindow} verdicts (default {@value #DEFAULT_FLAKY_WINDOW}) make it {@link StatusChange.Kind#FLAKY}
 *       instead of a new failure (two or more flips, this one included) or a fix (three or more: pass → fail →
 *       pass alone is a fixed regression). A test passing as before is not reported, whatever its past flips.</li>
 *   <li>Each metric is judged by the {@link MetricRule} its {@link Thresholds} assign.</li>
 * </ul>
 *
 * <p>The history is only read: appending the current runs is the caller's decision. Thread-safe; records counters
 * {@code cikit.regression.checks}, {@code cikit.regression.status.changes} (tag {@code kind}) and
 * {@code cikit.regression.metric.verdicts} (tag {@code verdict}).
 */
public final class RegressionDetector {

    public static final int DEFAULT_HISTORY_DEPTH = 100;
    public static final int DEFAULT_FLAKY_WINDOW = 10;

    private final Thresholds thresholds;
    private final int historyDepth;
    private final int flakyWindow;
    private final Optional<CommitLog> commitLog;
    private final MeterRegistry registry;

    private RegressionDetector(Builder b) {
        this.thresholds = b.thresholds;
        this.historyDepth = b.historyDepth;
        this.flakyWindow = b.flakyWindow;
        this.commitLog = b.commitLog;
        this.registry = b.registry;
    }

    /** Default thresholds, depth and flaky window; no commit log; the global registry. */
    public static RegressionDetector withDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks one run against the history. */
    public RegressionReport check(ResultHistory history, RunRecord current) {
        return check(history, List.of(current));
    }

    /**
     * Checks the runs of one change (typically one per board) against the history. Each run is compared with its
     * own context's past; the runs do not see each other.
     *
     * @throws io.cikit.core.CiException if the history cannot be read
     */
    public RegressionReport check(ResultHistory history, List<RunRecord> current) {
        Objects.requireNonNull(history, "history");
        List<StatusChange> statusChanges = new ArrayList<>();
        List<MetricChange> metricChanges = new ArrayList<>();
        for (RunRecord run : current) {
            PastRuns past = new PastRuns(run, history.recentRuns(run.context(), historyDepth));
            List<StatusChange> changes = new ArrayList<>(StatusTransitions.classify(run, past, flakyWindow, commitLog));
            changes.sort(Comparator.comparing(StatusChange::kind).thenComparing(c -> c.key().test()));
            statusChanges.addAll(changes);
            List<MetricPoint> metrics = run.metrics();
            for (int i = 0; i < metrics.size(); i++) {
                MetricPoint point = metrics.get(i);
                MetricRule rule = thresholds.ruleFor(point.test(), point.name());
                metricChanges.add(MetricEvaluator.evaluate(point.key(run.context()), point, run.commitSha(),
                        past.samples(i, rule.window()), rule, commitLog));
            }
        }
        registry.counter("cikit.regression.checks").increment();
        statusChanges.forEach(c -> registry.counter("cikit.regression.status.changes", "kind", c.kind().name()).increment());
        metricChanges.forEach(m -> registry.counter("cikit.regression.metric.verdicts", "verdict", m.verdict().word()).increment());
        return RegressionReport.of(current, statusChanges, metricChanges);
    }

    /** Builds a {@link RegressionDetector}. Not thread-safe. */
    public static final class Builder {
        private Thresholds thresholds = Thresholds.defaults();
        private int historyDepth = DEFAULT_HISTORY_DEPTH;
        private int flakyWindow = DEFAULT_FLAKY_WINDOW;
        private Optional<CommitLog> commitLog = Optional.empty();
        private MeterRegistry registry = Metrics.globalRegistry;

        private Builder() {
        }

        public Builder thresholds(Thresholds v) { this.thresholds = Objects.requireNonNull(v, "thresholds"); return this; }

        /** How many past runs of a context are read (default 100); metric windows longer than this are cut to it. */
        public Builder historyDepth(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("historyDepth must be positive: " + v);
            }
            this.historyDepth = v;
            return this;
        }

        /** How many of a test's latest verdicts, the current one included, are searched for flips (default 10). */
        public Builder flakyWindow(int v) {
            if (v < 3) {
                throw new IllegalArgumentException("flakyWindow must be at least 3 (two flips need three verdicts): " + v);
            }
            this.flakyWindow = v;
            return this;
        }

        /** Lists culprit candidates for every range reported. */
        public Builder commitLog(CommitLog v) { this.commitLog = Optional.of(v); return this; }
        public Builder meterRegistry(MeterRegistry v) { this.registry = Objects.requireNonNull(v, "registry"); return this; }

        public RegressionDetector build() {
            return new RegressionDetector(this);
        }
    }
}
