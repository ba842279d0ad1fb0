package io.cikit.core.regression.internal;

/**
 * Student's t distribution: CDF, tail probabilities and quantiles for any positive degrees of freedom, plus the
 * Šidák correction used when the best of many tests is reported.
 *
 * <p>CDF via the regularised incomplete beta ({@link IncompleteBeta}); quantiles by bracketing and safeguarded
 * Newton steps on the CDF (accurate to about 1e-12 relative). Stateless and thread-safe.
 */
public final class StudentT {

    private StudentT() {
    }

    /** P(T ≤ t) for T with {@code df} degrees of freedom. */
    public static double cdf(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t is NaN");
        }
        if (t == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (t == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double tail = 0.5 * IncompleteBeta.regularized(df / (df + t * t), df / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    /** P(|T| ≥ |t|): the two-sided p-value of a t statistic. Infinite t gives 0. */
    public static double twoSidedP(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t is NaN");
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return IncompleteBeta.regularized(df / (df + t * t), df / 2, 0.5);
    }

    /** P(T ≥ |t|): the one-sided p-value in the direction the statistic points. */
    public static double oneSidedP(double t, double df) {
        return twoSidedP(t, df) / 2;
    }

    /**
     * The t with P(T ≤ t) = p.
     *
     * @throws IllegalArgumentException unless 0 &lt; p &lt; 1 and df &gt; 0
     */
    public static double quantile(double p, double df) {
        checkDf(df);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile needs 0 < p < 1: " + p);
        }
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, df) < p) {
            lo = hi;
            hi *= 2;
            if (hi > 1e300) {
                return hi;
            }
        }
        double t = 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++) {
            double f = cdf(t, df) - p;
            if (f == 0) {
                return t;
            }
            if (f < 0) {
                lo = t;
            } else {
                hi = t;
            }
            double next = t - f / density(t, df);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) {
                return next;
            }
            t = next;
        }
        return t;
    }

    /** The probability density at t. */
    public static double density(double t, double df) {
        checkDf(df);
        double logNorm = IncompleteBeta.logGamma((df + 1) / 2) - IncompleteBeta.logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
        return Math.exp(logNorm - (df + 1) / 2 * Math.log1p(t * t / df));
    }

    /**
     * Šidák correction: the probability that the smallest of {@code tests} independent p-values is at most
     * {@code p}, i.e. 1 − (1 − p)<sup>tests</sup>. Slightly less conservative than Bonferroni and never above 1.
     */
    public static double sidak(double p, int tests) {
        if (tests <= 1 || p <= 0) {
            return p;
        }
        if (p >= 1) {
            return 1;
        }
        return -Math.expm1(tests * Math.log1p(-p));
    }

    private static void checkDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be finite and positive: " + df);
        }
    }
}
