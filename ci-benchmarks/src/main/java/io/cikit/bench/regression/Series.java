package io.cikit.bench.regression;

import java.util.SplittableRandom;

/** Seeded synthetic series for the benchmarks: level steps of 5–16 % every ~500 points in 1 % noise, or pure noise. */
final class Series {

    private Series() {
    }

    static double[] steps(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double level = 100;
        int next = 250 + r.nextInt(500);
        for (int i = 0; i < n; i++) {
            if (i == next) {
                double size = 0.05 + 0.11 * r.nextDouble();
                level *= r.nextBoolean() ? 1 + size : 1 - size;
                next += 250 + r.nextInt(500);
            }
            x[i] = level * (1 + 0.01 * gaussian(r));
        }
        return x;
    }

    static double[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 * (1 + 0.01 * gaussian(r));
        }
        return x;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
