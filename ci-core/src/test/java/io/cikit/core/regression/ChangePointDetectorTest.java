package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cikit.core.event.CommitInfo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChangePointDetectorTest {

    private final ChangePointDetector detector = ChangePointDetector.builder().meterRegistry(new SimpleMeterRegistry()).build();

    // --- the exact cases of REFERENCE §8 ---

    @Test
    void aStepFromFiftyToAHundredIsFoundAtFifteen() {
        assertThat(indices(concat(fill(15, 50), fill(15, 100)))).containsExactly(15);
    }

    @Test
    void threeOnesThenNinesChangeAtThree() {
        assertThat(indices(new double[] {1, 1, 1, 9, 9, 9, 9, 9, 9, 9})).containsExactly(3);
    }

    @Test
    void twoStepsOfFourPointsEachAreBothFound() {
        assertThat(indices(concat(fill(4, 1), fill(4, 6), fill(4, 12)))).containsExactly(4, 8);
    }

    @Test
    void aThousandZerosThenAThousandOnesChangeAtAThousand() {
        assertThat(indices(concat(fill(1000, 0), fill(1000, 1)))).containsExactly(1000);
    }

    @Test
    void aConstantSeriesHasNoChangePoints() {
        assertThat(indices(fill(500, 42.5))).isEmpty();
        assertThat(indices(new double[0])).isEmpty();
        assertThat(indices(new double[] {3})).isEmpty();
    }

    @Test
    void reportedPointsCarryMeansChangeAndPValue() {
        ChangePoint cp = detector.detect(concat(fill(15, 50), fill(15, 100))).get(0);

        assertThat(cp.meanBefore()).isEqualTo(50.0);
        assertThat(cp.meanAfter()).isEqualTo(100.0);
        assertThat(cp.changePercent()).hasValue(100.0);
        assertThat(cp.pValue()).isLessThanOrEqualTo(ChangePointOptions.DEFAULT_P_VALUE);
        assertThat(cp.verdict()).isEmpty();
        assertThat(cp.culprit()).isEmpty();
    }

    @Test
    void aChangeFromZeroHasNoPercentage() {
        ChangePoint cp = detector.detect(concat(fill(1000, 0), fill(1000, 1))).get(0);

        assertThat(cp.changePercent()).isEmpty();
        assertThat(cp.meanAfter()).isEqualTo(1.0);
    }

    // --- generated series, fixed seeds ---

    @ParameterizedTest(name = "{0} points")
    @ValueSource(ints = {1_000, 10_000})
    void everyStepOfFiveToSixteenPercentInOnePercentNoiseIsFoundWithinTwoIndices(int n) {
        int seeds = n == 1_000 ? 40 : 8;
        for (long seed = 1; seed <= seeds; seed++) {
            GeneratedSeries series = GeneratedSeries.steps(seed, n, 3, 0.05, 0.16, 0.01, 50);

            List<Integer> found = indices(series.values);

            for (int step : series.steps) {
                assertThat(found).as("seed %d, steps %s", seed, Arrays.toString(series.steps))
                        .anySatisfy(f -> assertThat(f).isCloseTo(step, within(2)));
            }
            assertThat(found).as("seed %d: no extra change points", seed).hasSize(3);
        }
    }

    @Test
    void pureOnePercentNoiseGivesAtMostOneFalseChangePointPerTenThousandPoints() {
        int points = 0;
        int falseAlarms = 0;
        for (long seed = 100; seed < 150; seed++) {
            double[] noise = GeneratedSeries.noise(seed, 1_000, 0.01);
            points += noise.length;
            falseAlarms += detector.detect(noise).size();
        }
        assertThat(points).isEqualTo(50_000);
        // target: at most 0.1 per 1000 points
        assertThat(falseAlarms).isLessThanOrEqualTo(5);
    }

    @Test
    void aSingleOutlierNeverBecomesAChangePoint() {
        for (double size : new double[] {0.05, 0.5, 5, 1000}) {
            for (long seed = 1; seed <= 25; seed++) {
                double[] x = GeneratedSeries.noise(seed, 200, 0.01);
                int at = 10 + (int) (seed * 37 % 180);
                x[at] *= 1 + size;

                assertThat(indices(x)).as("outlier of %s at %d, seed %d", size, at, seed).isEmpty();
            }
        }
    }

    @Test
    void aSingleOutlierNextToARealStepDoesNotAddAPoint() {
        double[] x = GeneratedSeries.noise(5, 300, 0.01);
        for (int i = 150; i < 300; i++) {
            x[i] *= 1.10;
        }
        x[60] *= 2;

        assertThat(indices(x)).containsExactly(150);
    }

    @Test
    void aShortLivedShiftInsideOneWindowIsFoundFromBothEdges() {
        // a binary split of the whole window sees no single step here; the half-size windows see each edge
        for (long seed = 1; seed <= 20; seed++) {
            double[] x = GeneratedSeries.noise(seed, 40, 0.01);
            for (int i = 15; i < 25; i++) {
                x[i] *= 1.05;
            }
            assertThat(indices(x)).as("seed %d", seed).containsExactly(15, 25);
        }
    }

    // --- options ---

    @Test
    void minimumMagnitudeDropsSmallButSignificantChanges() {
        GeneratedSeries series = GeneratedSeries.steps(3, 1_000, 3, 0.05, 0.06, 0.002, 100);
        ChangePointDetector strict = new ChangePointDetector(ChangePointOptions.builder().minMagnitude(0.10).build());

        assertThat(indices(series.values)).hasSize(3);
        assertThat(strict.detect(series.values)).isEmpty();
        assertThat(strict.detect(concat(fill(50, 100), fill(50, 120)))).extracting(ChangePoint::index).containsExactly(50);
    }

    @Test
    void minimumSegmentLengthHoldsBackAChangeAtTheVeryEnd() {
        double[] tail = concat(fill(40, 10), fill(2, 30));
        double[] longer = concat(fill(40, 10), fill(3, 30));

        assertThat(indices(tail)).isEmpty();
        assertThat(indices(longer)).containsExactly(40);
        assertThat(new ChangePointDetector(ChangePointOptions.builder().minSegment(2).build()).detect(tail))
                .extracting(ChangePoint::index).containsExactly(40);
    }

    @Test
    void directionLabelsEachPointWithoutChangingWhichAreFound() {
        double[] x = concat(fill(20, 10), fill(20, 15), fill(20, 12));
        ChangePointDetector lowerIsBetter = new ChangePointDetector(ChangePointOptions.builder().direction(Direction.LOWER_IS_BETTER).build());

        List<ChangePoint> points = lowerIsBetter.detect(x);

        assertThat(points).extracting(ChangePoint::index).containsExactly(20, 40);
        assertThat(points).extracting(p -> p.verdict().orElseThrow()).containsExactly(Verdict.REGRESSION, Verdict.IMPROVEMENT);
    }

    @Test
    void largerWindowsStillFindTheSameSteps() {
        GeneratedSeries series = GeneratedSeries.steps(11, 2_000, 3, 0.05, 0.16, 0.01, 100);
        for (int window : new int[] {20, 50, 200, 1000}) {
            List<Integer> found = new ChangePointDetector(ChangePointOptions.builder().window(window).build())
                    .detect(series.values).stream().map(ChangePoint::index).toList();
            for (int step : series.steps) {
                assertThat(found).as("window %d", window).anySatisfy(f -> assertThat(f).isCloseTo(step, within(2)));
            }
        }
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThatThrownBy(() -> ChangePointOptions.builder().window(5).build()).hasMessageContaining("window");
        assertThatThrownBy(() -> ChangePointOptions.builder().window(ChangePointOptions.MAX_WINDOW + 1).build()).hasMessageContaining("window");
        assertThatThrownBy(() -> ChangePointOptions.builder().pValue(0).build()).hasMessageContaining("pValue");
        assertThatThrownBy(() -> ChangePointOptions.builder().pValue(1).build()).hasMessageContaining("pValue");
        assertThatThrownBy(() -> ChangePointOptions.builder().minMagnitude(-0.1).build()).hasMessageContaining("minMagnitude");
        assertThatThrownBy(() -> ChangePointOptions.builder().minSegment(0).build()).hasMessageContaining("minSegment");
    }

    // --- bad input ---

    @Test
    void nanAndInfiniteValuesAreRejectedNamingTheIndex() {
        assertThatThrownBy(() -> detector.detect(new double[] {1, 2, Double.NaN, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series[2]").hasMessageContaining("NaN");
        assertThatThrownBy(() -> detector.detect(new double[] {Double.NEGATIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series[0]");
    }

    @Test
    void valuesNearTheLimitsOfDoubleAreHandled() {
        double big = Double.MAX_VALUE;
        List<ChangePoint> points = detector.detect(concat(fill(10, -big), fill(10, big)));

        assertThat(points).extracting(ChangePoint::index).containsExactly(10);
        assertThat(points.get(0).meanAfter()).isEqualTo(big);
        assertThat(points.get(0).meanBefore()).isEqualTo(-big);
    }

    // --- commits ---

    @Test
    void samplesWithCommitsNameTheCulpritRangeAndCandidates() {
        List<MetricSample> series = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            series.add(MetricSample.of("c" + i, i < 15 ? 50 : 100));
        }
        CommitLog log = (from, to) -> List.of(CommitInfo.of("c14a", "refactor"), CommitInfo.of(to, "the culprit"));
        ChangePointDetector withLog = ChangePointDetector.builder().commitLog(log).meterRegistry(new SimpleMeterRegistry()).build();

        ChangePoint cp = withLog.detect(series).get(0);

        CommitRange range = cp.culprit().orElseThrow();
        assertThat(range.lastGood()).contains("c14");
        assertThat(range.firstBad()).isEqualTo("c15");
        assertThat(range.candidates()).extracting(CommitInfo::sha).containsExactly("c14a", "c15");
    }

    @Test
    void aFailingCommitLogLeavesTheRangeWithoutCandidates() {
        List<MetricSample> series = IntStream.range(0, 30).mapToObj(i -> MetricSample.of("c" + i, i < 15 ? 50 : 100)).toList();
        CommitLog broken = (from, to) -> {
            throw new IllegalStateException("git exploded");
        };

        ChangePoint cp = ChangePointDetector.builder().commitLog(broken).meterRegistry(new SimpleMeterRegistry()).build()
                .detect(series).get(0);

        assertThat(cp.culprit().orElseThrow().candidates()).isEmpty();
        assertThat(cp.culprit().orElseThrow().shortText()).isEqualTo("c14..c15");
    }

    @Test
    void detectionIsCountedAndTimed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ChangePointDetector counted = ChangePointDetector.builder().meterRegistry(registry).build();

        counted.detect(concat(fill(4, 1), fill(4, 6), fill(4, 12)));

        assertThat(registry.get("cikit.changepoint.found").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("cikit.changepoint.detect").timer().count()).isEqualTo(1);
    }

    // --- properties ---

    @Property(tries = 200)
    void addingAConstantNeverChangesTheChangePoints(@ForAll("steppedIntegers") double[] series,
            @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int constant) {
        double[] shifted = Arrays.stream(series).map(v -> v + constant).toArray();
        List<Integer> original = indices(series);
        Statistics.label("has change points").collect(!original.isEmpty());

        assertThat(indices(shifted)).isEqualTo(original);
    }

    @Property(tries = 200)
    void scalingByAPositiveFactorNeverChangesTheChangePoints(@ForAll("steppedIntegers") double[] series,
            @ForAll("positiveFactors") double factor) {
        double[] scaled = Arrays.stream(series).map(v -> v * factor).toArray();

        assertThat(indices(scaled)).isEqualTo(indices(series));
    }

    @Property(tries = 100)
    void aConstantSeriesNeverHasChangePoints(@ForAll double value, @ForAll @IntRange(min = 0, max = 400) int length) {
        assertThat(indices(fill(length, value))).isEmpty();
    }

    @Property(tries = 300)
    void arbitraryFiniteValuesNeverMakeItThrow(@ForAll @Size(max = 150) List<Double> values) {
        double[] x = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();

        List<ChangePoint> points = detector.detect(x);

        int previous = 0;
        for (ChangePoint p : points) {
            assertThat(p.index()).isGreaterThan(previous).isLessThan(x.length);
            assertThat(p.pValue()).isBetween(0.0, ChangePointOptions.DEFAULT_P_VALUE);
            assertThat(p.meanBefore()).isFinite();
            assertThat(p.meanAfter()).isFinite();
            previous = p.index();
        }
    }

    @Property(tries = 50)
    void detectionIsDeterministic(@ForAll("steppedIntegers") double[] series) {
        assertThat(detector.detect(series)).isEqualTo(detector.detect(series.clone()));
    }

    /** Piecewise-constant integer series with small integer noise: the shape that actually has change points. */
    @Provide
    Arbitrary<double[]> steppedIntegers() {
        Arbitrary<int[]> segment = Combinators.combine(
                Arbitraries.integers().between(3, 40), Arbitraries.integers().between(-1000, 1000), Arbitraries.longs())
                .as((length, level, seed) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    int[] s = new int[length];
                    for (int i = 0; i < length; i++) {
                        s[i] = level + r.nextInt(-3, 4);
                    }
                    return s;
                });
        return segment.list().ofMinSize(1).ofMaxSize(8).map(parts -> {
            int total = parts.stream().mapToInt(p -> p.length).sum();
            double[] x = new double[total];
            int at = 0;
            for (int[] p : parts) {
                for (int v : p) {
                    x[at++] = v;
                }
            }
            return x;
        });
    }

    @Provide
    Arbitrary<Double> positiveFactors() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 1000).map(Integer::doubleValue),
                Arbitraries.integers().between(-20, 20).map(k -> Math.scalb(1.0, k)));
    }

    private List<Integer> indices(double[] x) {
        return detector.detect(x).stream().map(ChangePoint::index).toList();
    }

    static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }
}
