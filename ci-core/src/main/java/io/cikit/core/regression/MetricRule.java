package io.cikit.core.regression;

import java.util.List;

/**
 * How one metric is judged: the checks a new value must fail before it counts as changed, over how much history.
 *
 * <p>A value is flagged only when <em>every</em> check flags it (so adding a check narrows the rule: a t-interval
 * plus {@code Δ > 2%} is Perfherder-like, significant and large enough to matter).
 *
 * @param checks at least one
 * @param window the most recent values the baseline is computed from (default 64, Bencher's maximum sample size)
 * @param minSamples fewer baseline values than this and the metric is left {@link Verdict#UNCHANGED} (default 2)
 */
public record MetricRule(List<Threshold> checks, int window, int minSamples) {

    public static final int DEFAULT_WINDOW = 64;
    public static final int DEFAULT_MIN_SAMPLES = 2;

    public MetricRule {
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a metric rule needs at least one check");
        }
        if (window < 1 || minSamples < 1 || minSamples > window) {
            throw new IllegalArgumentException("need 1 ≤ minSamples ≤ window: minSamples=" + minSamples + ", window=" + window);
        }
    }

    /** The given checks over the default window and minimum. */
    public static MetricRule of(Threshold... checks) {
        return new MetricRule(List.of(checks), DEFAULT_WINDOW, DEFAULT_MIN_SAMPLES);
    }

    public MetricRule withWindow(int window) {
        return new MetricRule(checks, window, Math.min(minSamples, window));
    }

    public MetricRule withMinSamples(int minSamples) {
        return new MetricRule(checks, window, minSamples);
    }
}
