package io.cikit.core.report;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.regression.Baseline;
import io.cikit.core.regression.CommitRange;
import io.cikit.core.regression.Direction;
import io.cikit.core.regression.MetricChange;
import io.cikit.core.regression.MetricSample;
import io.cikit.core.regression.Outcome;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunContext;
import io.cikit.core.regression.RunRecord;
import io.cikit.core.regression.SeriesKey;
import io.cikit.core.regression.StatusChange;
import io.cikit.core.regression.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Reports of every shape, with hostile names (pipes, backticks, fences, markup, mentions, line breaks). */
final class ReportArbitraries {
    private static final String[] NASTY = {"|", "`", "```", "<script>", "@user", "\n", "\r\n", "*", "_", "[x](y)", "&amp;",
        "\"", "'", "\\", "#", "\u2028", "🔥", "é", "\t", "--", "<!--", "]]>"};

    private ReportArbitraries() {
    }

    static Arbitrary<RegressionReport> reports() {
        return Arbitraries.longs().map(ReportArbitraries::report);
    }

    /** A pseudo-random report from a seed (jqwik shrinks the seed, so failures stay reproducible). */
    static RegressionReport report(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<RunRecord> runs = new ArrayList<>();
        List<StatusChange> changes = new ArrayList<>();
        List<MetricChange> metrics = new ArrayList<>();
        int boards = 1 + r.nextInt(3);
        for (int b = 0; b < boards; b++) {
            RunContext context = RunContext.builder().boardType(name(r)).arch(name(r)).build();
            RunRecord.Builder run = RunRecord.builder(context, "sha" + r.nextInt(1000));
            int tests = r.nextInt(30);
            for (int t = 0; t < tests; t++) {
                String test = name(r) + t;
                Outcome outcome = Outcome.values()[r.nextInt(Outcome.values().length)];
                run.test(test, outcome);
                if (r.nextInt(3) == 0) {
                    StatusChange.Kind kind = StatusChange.Kind.values()[r.nextInt(StatusChange.Kind.values().length)];
                    changes.add(new StatusChange(SeriesKey.status(context, test), kind,
                            Optional.of(Outcome.PASS), Optional.of(outcome), r.nextInt(5), range(r)));
                }
            }
            runs.add(run.build());
            int metricCount = r.nextInt(4);
            for (int m = 0; m < metricCount; m++) {
                List<MetricSample> history = new ArrayList<>();
                double scale = Math.pow(10, r.nextInt(-12, 13));
                int n = r.nextInt(35);
                for (int i = 0; i < n; i++) {
                    history.add(MetricSample.of(name(r), scale * (1 + r.nextDouble())));
                }
                Verdict verdict = Verdict.values()[r.nextInt(3)];
                metrics.add(new MetricChange(SeriesKey.metric(context, name(r), name(r) + "m"), name(r),
                        r.nextBoolean() ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER, scale * 3, name(r),
                        Baseline.of(history.stream().mapToDouble(MetricSample::value).toArray()),
                        r.nextBoolean() ? OptionalDouble.of(r.nextDouble(-500, 500)) : OptionalDouble.empty(),
                        r.nextBoolean() ? OptionalDouble.of(r.nextDouble()) : OptionalDouble.empty(), verdict,
                        List.of(name(r)), verdict == Verdict.UNCHANGED ? Optional.empty() : range(r), history));
            }
        }
        return RegressionReport.of(runs, changes, metrics);
    }

    private static Optional<CommitRange> range(SplittableRandom r) {
        if (r.nextBoolean()) {
            return Optional.empty();
        }
        List<CommitInfo> candidates = new ArrayList<>();
        int n = r.nextInt(14);
        for (int i = 0; i < n; i++) {
            candidates.add(CommitInfo.of(name(r), name(r) + "\n" + name(r)));
        }
        return Optional.of(new CommitRange(r.nextBoolean() ? Optional.of(name(r)) : Optional.empty(), name(r), candidates));
    }

    private static String name(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int parts = r.nextInt(6);
        for (int i = 0; i < parts; i++) {
            sb.append(r.nextInt(3) == 0 ? NASTY[r.nextInt(NASTY.length)] : "ltp.sem" + r.nextInt(100));
        }
        return sb.toString();
    }
}
