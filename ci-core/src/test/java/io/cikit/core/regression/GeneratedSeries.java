package io.cikit.core.regression;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded synthetic series: steps of a given size range with relative Gaussian noise, and pure noise. */
final class GeneratedSeries {
    final double[] values;
    final int[] steps;

    private GeneratedSeries(double[] values, int[] steps) {
        this.values = values;
        this.steps = steps;
    }

    /**
     * {@code n} points around 100 with {@code stepCount} steps, each a change of ±{@code minStep}..{@code maxStep}
     * (relative), at positions at least {@code gap} apart and from both ends, and noise of {@code noise} (relative)
     * standard deviation.
     */
    static GeneratedSeries steps(long seed, int n, int stepCount, double minStep, double maxStep, double noise, int gap) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] steps = new int[stepCount];
        while (true) {
            for (int i = 0; i < stepCount; i++) {
                steps[i] = gap + random.nextInt(n - 2 * gap);
            }
            Arrays.sort(steps);
            boolean ok = true;
            for (int i = 1; i < stepCount; i++) {
                ok &= steps[i] - steps[i - 1] >= gap;
            }
            if (ok) {
                break;
            }
        }
        double[] x = new double[n];
        double level = 100;
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (next < stepCount && i == steps[next]) {
                double size = minStep + random.nextDouble() * (maxStep - minStep);
                level *= random.nextBoolean() ? 1 + size : 1 - size;
                next++;
            }
            x[i] = level * (1 + noise * gaussian(random));
        }
        return new GeneratedSeries(x, steps);
    }

    /** {@code n} points of 100 with relative Gaussian noise. */
    static double[] noise(long seed, int n, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 * (1 + noise * gaussian(random));
        }
        return x;
    }

    /** Box–Muller, so the series do not depend on java.util.Random's implementation details. */
    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
