package io.cikit.core.regression;

import io.cikit.core.regression.internal.ChangePointSearch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds the points where a whole series shifted: E-divisive means (energy statistic, α = 1) located in windows,
 * confirmed by a pooled Student t-test, after Apache Otava's design — window 50 stepping 25, p ≤ 0.001, a weak
 * first pass at 10·p, then merging away the weakest points.
 *
 * <p>Differences from Otava, each aimed at one of its known faults: every p-value is Šidák-corrected for the number
 * of split positions it was chosen from (Otava tests the best of ~50 splits at the nominal level, hence ~1–2 false
 * change points per 1000 points of noise); the t-test is repeated without the single most supportive point and the
 * weaker result kept, and segments have a minimum length, so one outlier never becomes a pair of change points;
 * a second pass with half-size windows finds shifts that last only ~10 points (a regression fixed soon after);
 * and each change point is relocated to the energy maximum between its neighbours, since the window that first
 * found it may have seen it near an edge. See {@code docs/regression.md} for measured false-alarm rates.
 *
 * <p>Deterministic (no randomness). Adding a constant to the series or scaling it by a positive factor does not
 * change the change points found (the magnitude floor excepted, which is relative to the level). Cost is linear in
 * the series length for a fixed window. Thread-safe; records a timer {@code cikit.changepoint.detect} and a counter
 * {@code cikit.changepoint.found}.
 */
public final class ChangePointDetector {

    /** The longest series accepted. */
    public static final int MAX_POINTS = 10_000_000;

    private static final double HUGE = 0x1p1000;
    private static final double SHRINK = 0x1p-30;

    private final ChangePointOptions options;
    private final ChangePointSearch search;
    private final Optional<CommitLog> commitLog;
    private final Timer timer;
    private final Counter found;

    private ChangePointDetector(Builder b) {
        this.options = b.options;
        this.search = new ChangePointSearch(options.window(), options.pValue(), options.minSegment(), options.minMagnitude());
        this.commitLog = b.commitLog;
        this.timer = Timer.builder("cikit.changepoint.detect").description("Change-point detection over one series")
                .register(b.registry);
        this.found = Counter.builder("cikit.changepoint.found").description("Change points reported").register(b.registry);
    }

    /** A detector with {@link ChangePointOptions#DEFAULTS}, no commit log and the global registry. */
    public ChangePointDetector() {
        this(builder());
    }

    /** A detector with the given options, no commit log and the global registry. */
    public ChangePointDetector(ChangePointOptions options) {
        this(builder().options(options));
    }

    public static Builder builder() {
        return new Builder();
    }

    public ChangePointOptions options() {
        return options;
    }

    /**
     * The change points of a series, in ascending index order.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite (the message names the first such index), or
     *         the series is longer than {@link #MAX_POINTS}
     */
    public List<ChangePoint> detect(double[] series) {
        Objects.requireNonNull(series, "series");
        if (series.length > MAX_POINTS) {
            throw new IllegalArgumentException("series has " + series.length + " points; at most " + MAX_POINTS + " are accepted");
        }
        double maxAbs = 0;
        for (int i = 0; i < series.length; i++) {
            double v = series[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("series[" + i + "] is " + v + ": change points need finite values");
            }
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        // differences of values near Double.MAX_VALUE overflow; a power-of-two scale is exact and undone below
        double scale = maxAbs > HUGE ? SHRINK : 1;
        double[] x = series;
        if (scale != 1) {
            x = new double[series.length];
            for (int i = 0; i < series.length; i++) {
                x[i] = series[i] * scale;
            }
        }
        double[] input = x;
        List<ChangePointSearch.Split> splits = timer.record(() -> search.run(input));
        List<ChangePoint> out = new ArrayList<>(splits.size());
        for (ChangePointSearch.Split s : splits) {
            double before = finite(s.meanBefore() / scale);
            double after = finite(s.meanAfter() / scale);
            double percent = (after - before) / Math.abs(before) * 100;
            OptionalDouble changePercent = before != 0 && Double.isFinite(percent) ? OptionalDouble.of(percent) : OptionalDouble.empty();
            Optional<Verdict> verdict = options.direction().map(d -> d.isWorse(before, after) ? Verdict.REGRESSION : Verdict.IMPROVEMENT);
            out.add(new ChangePoint(s.index(), before, after, changePercent, s.pValue(), verdict, Optional.empty()));
        }
        found.increment(out.size());
        return List.copyOf(out);
    }

    /**
     * The change points of a series of samples, each naming its culprit range (the commit of the point before, the
     * commit of the point at the change], with candidate commits when this detector has a {@link CommitLog}.
     */
    public List<ChangePoint> detect(List<MetricSample> series) {
        double[] values = new double[series.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = series.get(i).value();
        }
        List<ChangePoint> points = detect(values);
        List<ChangePoint> out = new ArrayList<>(points.size());
        for (ChangePoint p : points) {
            String lastGood = series.get(p.index() - 1).commitSha();
            String firstBad = series.get(p.index()).commitSha();
            out.add(p.withCulprit(CommitRange.resolve(Optional.of(lastGood), firstBad, commitLog)));
        }
        return List.copyOf(out);
    }

    private static double finite(double v) {
        return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, v));
    }

    /** Builds a {@link ChangePointDetector}. Not thread-safe. */
    public static final class Builder {
        private ChangePointOptions options = ChangePointOptions.DEFAULTS;
        private Optional<CommitLog> commitLog = Optional.empty();
        private MeterRegistry registry = Metrics.globalRegistry;

        private Builder() {
        }

        public Builder options(ChangePointOptions v) { this.options = Objects.requireNonNull(v, "options"); return this; }
        public Builder commitLog(CommitLog v) { this.commitLog = Optional.of(v); return this; }
        public Builder meterRegistry(MeterRegistry v) { this.registry = Objects.requireNonNull(v, "registry"); return this; }

        public ChangePointDetector build() {
            return new ChangePointDetector(this);
        }
    }
}
