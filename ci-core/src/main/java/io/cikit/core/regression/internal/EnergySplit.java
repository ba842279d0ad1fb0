package io.cikit.core.regression.internal;

/**
 * The E-divisive means split of a segment: the position τ that maximises the energy statistic (α = 1)
 *
 * <pre>
 *   Q(τ) = n·m/(n+m) · ( 2/(n·m) Σ|x−y| − 1/C(n,2) Σ|x−x'| − 1/C(m,2) Σ|y−y'| )
 * </pre>
 *
 * <p>between the left part (n points) and the right part (m points). Computed exactly in O(L²) for a segment of
 * L points (L²/2 distances, then one pass moving a point at a time from the right part to the left part);
 * segments are windows, so L is small.
 * Ties go to the earliest position. Stateless and thread-safe.
 */
public final class EnergySplit {

    private EnergySplit() {
    }

    /**
     * Q(τ) for every τ in {@code (lo, hi)}: element {@code τ − lo} of the result; element 0 is unused. All zero
     * when the segment has no spread.
     */
    public static double[] profile(double[] z, int lo, int hi) {
        int length = hi - lo;
        double[] q = new double[Math.max(1, length)];
        // one pass over the pairs: each point's distance sum to the points before it and to those after it
        double[] toEarlier = new double[Math.max(1, length)];
        double[] toLater = new double[Math.max(1, length)];
        double within = 0;
        for (int i = 0; i < length; i++) {
            double zi = z[lo + i];
            double later = 0;
            for (int j = i + 1; j < length; j++) {
                double d = Math.abs(zi - z[lo + j]);
                later += d;
                toEarlier[j] += d;
            }
            toLater[i] = later;
            within += later;
        }
        if (within == 0) {
            return q;
        }
        double cross = 0;
        double left = 0;
        double right = within;
        for (int n = 1; n < length; n++) {
            // point n − 1 moves from the right part to the left part
            left += toEarlier[n - 1];
            right -= toLater[n - 1];
            cross += toLater[n - 1] - toEarlier[n - 1];
            int m = length - n;
            double nm = (double) n * m;
            double value = 2 * cross / nm;
            if (n > 1) {
                value -= left / (n * (n - 1) / 2.0);
            }
            if (m > 1) {
                value -= right / (m * (m - 1) / 2.0);
            }
            q[n] = value * nm / (n + m);
        }
        return q;
    }

    /**
     * The best split of {@code z[lo, hi)} with both parts at least {@code minSegment} long, or −1 when there is
     * none with positive energy (too short, or no difference at all).
     */
    public static int best(double[] z, int lo, int hi, int minSegment) {
        if (hi - lo < 2 * minSegment) {
            return -1;
        }
        return argmax(profile(z, lo, hi), lo, lo + minSegment, hi - minSegment);
    }

    /** The τ in {@code [from, to]} with the largest positive Q in a profile of a segment starting at lo, or −1. */
    static int argmax(double[] q, int lo, int from, int to) {
        int best = -1;
        double bestQ = 0;
        for (int tau = from; tau <= to; tau++) {
            if (q[tau - lo] > bestQ) {
                bestQ = q[tau - lo];
                best = tau;
            }
        }
        return best;
    }
}
