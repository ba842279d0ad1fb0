package io.cikit.bench.regression;

import io.cikit.core.regression.ChangePoint;
import io.cikit.core.regression.ChangePointDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the change-point detector's quality on seeded synthetic series and prints Markdown tables (the figures in
 * {@code docs/performance-regression.md}). Not a JMH benchmark. Run:
 * {@code java -cp ci-benchmarks/target/benchmarks.jar io.cikit.bench.regression.DetectionQuality}
 */
public final class DetectionQuality {

    private static final ChangePointDetector DETECTOR =
            ChangePointDetector.builder().meterRegistry(new SimpleMeterRegistry()).build();

    private DetectionQuality() {
    }

    public static void main(String[] args) {
        System.out.println("| pure 1 % noise | points | false change points | per 1,000 points |");
        System.out.println("|---|---:|---:|---:|");
        falseAlarms("200 series × 10,000", 200, 10_000);
        falseAlarms("20,000 series × 50", 20_000, 50);
        System.out.println();
        System.out.println("| steps in 1 % noise (1,000 points, 3 steps, 200 series) | found within ±2 | mean |index error| | extra points per series |");
        System.out.println("|---|---:|---:|---:|");
        for (double[] size : new double[][] {{0.01, 0.01}, {0.02, 0.02}, {0.03, 0.03}, {0.05, 0.05}, {0.05, 0.16}}) {
            recall(size[0], size[1]);
        }
        System.out.println();
        System.out.println("| one outlier in 200 points of 1 % noise (500 series) | change points reported |");
        System.out.println("|---|---:|");
        for (double size : new double[] {0.05, 0.5, 5}) {
            outliers(size);
        }
        System.out.println();
        System.out.println("| a 5 % shift lasting L points inside 120 points (200 series) | both edges found within ±1 |");
        System.out.println("|---|---:|");
        for (int length : new int[] {3, 5, 9, 12, 20}) {
            shortShift(length);
        }
    }

    private static void falseAlarms(String label, int series, int n) {
        long found = 0;
        for (int s = 0; s < series; s++) {
            found += DETECTOR.detect(Series.noise(n, 1_000_000L + s)).size();
        }
        long points = (long) series * n;
        System.out.printf(Locale.ROOT, "| %s | %,d | %d | %.4f |%n", label, points, found, 1000.0 * found / points);
    }

    private static void recall(double minStep, double maxStep) {
        int steps = 0;
        int hits = 0;
        long error = 0;
        int extra = 0;
        int series = 200;
        for (int s = 0; s < series; s++) {
            SplittableRandom r = new SplittableRandom(s);
            int[] at = positions(r, 1000, 3, 50);
            double[] x = new double[1000];
            double level = 100;
            int next = 0;
            for (int i = 0; i < x.length; i++) {
                if (next < at.length && i == at[next]) {
                    double size = minStep + r.nextDouble() * (maxStep - minStep);
                    level *= r.nextBoolean() ? 1 + size : 1 - size;
                    next++;
                }
                x[i] = level * (1 + 0.01 * Series.gaussian(r));
            }
            List<Integer> found = DETECTOR.detect(x).stream().map(ChangePoint::index).toList();
            int matched = 0;
            for (int step : at) {
                steps++;
                int best = found.stream().mapToInt(f -> Math.abs(f - step)).min().orElse(Integer.MAX_VALUE);
                if (best <= 2) {
                    hits++;
                    error += best;
                    matched++;
                }
            }
            extra += Math.max(0, found.size() - matched);
        }
        String label = minStep == maxStep ? String.format(Locale.ROOT, "%.0f %% (%.0f σ)", minStep * 100, minStep * 100)
                : String.format(Locale.ROOT, "%.0f–%.0f %%", minStep * 100, maxStep * 100);
        System.out.printf(Locale.ROOT, "| %s | %.1f %% | %.2f | %.3f |%n", label, 100.0 * hits / steps,
                hits == 0 ? 0.0 : (double) error / hits, (double) extra / series);
    }

    private static void outliers(double size) {
        int found = 0;
        for (int s = 0; s < 500; s++) {
            double[] x = Series.noise(200, 5_000L + s);
            x[10 + s % 180] *= 1 + size;
            found += DETECTOR.detect(x).size();
        }
        System.out.printf(Locale.ROOT, "| %+.0f %% | %d |%n", size * 100, found);
    }

    private static void shortShift(int length) {
        int hits = 0;
        for (int s = 0; s < 200; s++) {
            double[] x = Series.noise(120, 9_000L + s);
            int at = 10 + s % 50;
            for (int i = at; i < at + length; i++) {
                x[i] *= 1.05;
            }
            List<Integer> found = DETECTOR.detect(x).stream().map(ChangePoint::index).toList();
            boolean start = found.stream().anyMatch(f -> Math.abs(f - at) <= 1);
            boolean end = found.stream().anyMatch(f -> Math.abs(f - at - length) <= 1);
            hits += start && end ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "| L = %d | %.0f %% |%n", length, hits / 2.0);
    }

    private static int[] positions(SplittableRandom r, int n, int count, int gap) {
        int[] at = new int[count];
        while (true) {
            for (int i = 0; i < count; i++) {
                at[i] = gap + r.nextInt(n - 2 * gap);
            }
            Arrays.sort(at);
            boolean ok = true;
            for (int i = 1; i < count; i++) {
                ok &= at[i] - at[i - 1] >= gap;
            }
            if (ok) {
                return at;
            }
        }
    }
}
