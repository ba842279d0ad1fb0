package io.cikit.core.regression;

/**
 * Summary of the history a new value was compared with.
 *
 * @param count number of values (0 when there was no history; the other fields are then 0)
 * @param stdDev sample standard deviation (n − 1); 0 for fewer than two values
 */
public record Baseline(int count, double mean, double stdDev, double min, double max) {

    /** No history. */
    public static final Baseline EMPTY = new Baseline(0, 0, 0, 0, 0);

    /** The summary of some values (two-pass, for accuracy). */
    public static Baseline of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return EMPTY;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new Baseline(n, mean, Double.isFinite(sd) ? sd : Double.MAX_VALUE, min, max);
    }
}
