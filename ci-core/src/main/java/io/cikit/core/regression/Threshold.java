package io.cikit.core.regression;

import java.util.Locale;

/**
 * One per-point check of a new value against its history's baseline (the last {@link MetricRule#window()} values).
 * A check flags a value; whether that is a regression or an improvement follows from the metric's
 * {@link Direction}. Checks that cannot be evaluated (too few samples, a zero baseline for a percentage) do not flag.
 */
public sealed interface Threshold {

    /** A short description for reports, e.g. {@code Δ > 5%}. */
    String describe();

    /** Flags a change of more than {@code percent} % of the baseline mean. A zero mean never flags. */
    record Percentage(double percent) implements Threshold {
        public Percentage {
            requirePositive(percent, "percent");
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "Δ > %s%%", trim(percent));
        }
    }

    /** Flags a change of more than {@code amount} (in the metric's unit) from the baseline mean. */
    record Absolute(double amount) implements Threshold {
        public Absolute {
            requirePositive(amount, "amount");
        }

        @Override
        public String describe() {
            return "|Δ| > " + trim(amount);
        }
    }

    /**
     * Flags a value more than {@code limit} sample standard deviations from the baseline mean (Conbench uses 5 over
     * 100 runs). Needs two samples; with zero spread any change flags.
     */
    record ZScore(double limit) implements Threshold {
        public ZScore {
            requirePositive(limit, "limit");
        }

        @Override
        public String describe() {
            return "|z| > " + trim(limit);
        }
    }

    /**
     * Flags a value outside the Student-t prediction interval of the baseline at one-sided {@code confidence}
     * (Bencher's default: 0.99 over up to 64 samples): flags when the one-sided p-value
     * is at most {@code 1 − confidence}. Needs two samples.
     */
    record PredictionInterval(double confidence) implements Threshold {
        public PredictionInterval {
            if (!(confidence > 0.5 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be between 0.5 and 1 (exclusive): " + confidence);
            }
        }

        @Override
        public String describe() {
            return "outside " + trim(confidence * 100) + "% t-interval";
        }
    }

    static Threshold percentage(double percent) {
        return new Percentage(percent);
    }

    static Threshold absolute(double amount) {
        return new Absolute(amount);
    }

    static Threshold zScore(double limit) {
        return new ZScore(limit);
    }

    static Threshold predictionInterval(double confidence) {
        return new PredictionInterval(confidence);
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and positive: " + v);
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
