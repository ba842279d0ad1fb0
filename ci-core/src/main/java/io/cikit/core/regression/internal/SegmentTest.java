package io.cikit.core.regression.internal;

/**
 * The significance of a split: a pooled two-sample Student t-test between {@code z[lo, mid)} and {@code z[mid, hi)},
 * made robust to single outliers.
 *
 * <p>Robustness: the test is repeated with the one point removed that most supports the shift (the extreme of the
 * right part in the direction of the shift, or the opposite extreme of the left part) and the larger p-value is
 * kept. A real step survives losing one point; a lone outlier does not, which is how an outlier stops turning into
 * a pair of change points. Stateless and thread-safe.
 */
public final class SegmentTest {

    private SegmentTest() {
    }

    /** Two-sided p-value of the split at {@code mid}; 1 when a part is empty or there are no degrees of freedom. */
    public static double pValue(double[] z, int lo, int mid, int hi) {
        return pValue(z, lo, mid, hi, 1);
    }

    /**
     * Like {@link #pValue(double[], int, int, int)}, but may return 1 early when the result is certain to exceed
     * {@code cutoff}: most splits tested in noise are nowhere near significant, and the exact p-value is the costly
     * part.
     */
    public static double pValue(double[] z, int lo, int mid, int hi, double cutoff) {
        Part a = Part.of(z, lo, mid);
        Part b = Part.of(z, mid, hi);
        double t = t(a.n, a.mean, a.ss, b.n, b.mean, b.ss);
        // |t| < 2.5 means p > 0.0124 for every df (the normal tail is the thinnest)
        if (Math.abs(t) < 2.5 && cutoff < 0.0124) {
            return 1;
        }
        double p = p(t, a.n + b.n - 2);
        double shift = b.mean - a.mean;
        if (shift == 0 || p > cutoff) {
            return p;
        }
        // the points whose removal weakens the shift most: b's extreme towards the shift, a's extreme away from it
        if (b.n > 1) {
            Part shrunk = b.without(shift > 0 ? b.max : b.min);
            p = Math.max(p, p(t(a.n, a.mean, a.ss, shrunk.n, shrunk.mean, shrunk.ss), a.n + shrunk.n - 2));
        }
        if (a.n > 1) {
            Part shrunk = a.without(shift > 0 ? a.min : a.max);
            p = Math.max(p, p(t(shrunk.n, shrunk.mean, shrunk.ss, b.n, b.mean, b.ss), shrunk.n + b.n - 2));
        }
        return p;
    }

    /** The pooled t statistic: infinite for a shift between two spread-free parts, 0 when undefined. */
    private static double t(int n1, double mean1, double ss1, int n2, double mean2, double ss2) {
        int df = n1 + n2 - 2;
        double diff = mean2 - mean1;
        if (n1 < 1 || n2 < 1 || df < 1 || diff == 0) {
            return 0;
        }
        double variance = (ss1 + ss2) / df;
        if (!(variance > 0)) {
            return diff > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        double t = diff / Math.sqrt(variance * (1.0 / n1 + 1.0 / n2));
        return Double.isNaN(t) ? 0 : t;
    }

    private static double p(double t, int df) {
        return df < 1 || t == 0 ? 1 : StudentT.twoSidedP(t, df);
    }

    /** Count, mean, sum of squared deviations and extremes of a segment, computed in two passes for accuracy. */
    record Part(int n, double mean, double ss, double min, double max) {
        static Part of(double[] z, int lo, int hi) {
            int n = hi - lo;
            if (n <= 0) {
                return new Part(0, 0, 0, 0, 0);
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = lo; i < hi; i++) {
                sum += z[i];
                min = Math.min(min, z[i]);
                max = Math.max(max, z[i]);
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = lo; i < hi; i++) {
                double d = z[i] - mean;
                ss += d * d;
            }
            return new Part(n, mean, ss, min, max);
        }

        /** This part with one point of value {@code v} taken out (Welford's update run backwards). */
        Part without(double v) {
            int m = n - 1;
            double newMean = (n * mean - v) / m;
            double newSs = Math.max(0, ss - (v - mean) * (v - newMean));
            return new Part(m, newMean, newSs, min, max);
        }
    }
}
