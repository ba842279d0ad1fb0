package io.cikit.core.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which {@link MetricRule} applies to which metric: rules matched by glob pattern ({@code *} any run of characters,
 * {@code ?} one) against the metric's subject {@code test#metric} (or just {@code metric} for run-level metrics),
 * first match wins, else the default rule.
 *
 * <p>The default rule is Bencher's: a Student-t prediction interval at 0.99 over up to 64 samples. Immutable and
 * thread-safe.
 */
public final class Thresholds {

    /** The rule used when nothing else matches, unless the builder sets another. */
    public static final MetricRule DEFAULT_RULE = MetricRule.of(Threshold.predictionInterval(0.99));

    private final MetricRule defaultRule;
    private final List<Pattern> patterns;

    private record Pattern(String glob, MetricRule rule) {
    }

    private Thresholds(MetricRule defaultRule, List<Pattern> patterns) {
        this.defaultRule = defaultRule;
        this.patterns = List.copyOf(patterns);
    }

    /** The default rule for every metric. */
    public static Thresholds defaults() {
        return new Thresholds(DEFAULT_RULE, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The rule for a metric of a test (the test may be empty). */
    public MetricRule ruleFor(String test, String metric) {
        String subject = SeriesKey.metric(RunContext.builder().build(), test, metric).subject();
        for (Pattern p : patterns) {
            if (matches(p.glob, subject)) {
                return p.rule;
            }
        }
        return defaultRule;
    }

    static boolean matches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** Builds {@link Thresholds}. Not thread-safe. */
    public static final class Builder {
        private MetricRule defaultRule = DEFAULT_RULE;
        private final List<Pattern> patterns = new ArrayList<>();

        private Builder() {
        }

        public Builder defaultRule(MetricRule rule) {
            this.defaultRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Adds a rule for metrics whose subject matches {@code glob}; earlier rules win. */
        public Builder rule(String glob, MetricRule rule) {
            patterns.add(new Pattern(Objects.requireNonNull(glob, "glob"), Objects.requireNonNull(rule, "rule")));
            return this;
        }

        public Thresholds build() {
            return new Thresholds(defaultRule, patterns);
        }
    }
}
