package io.cikit.core.report.internal;

import io.cikit.core.regression.CommitRange;
import io.cikit.core.regression.MetricChange;
import io.cikit.core.regression.MetricSample;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunContext;
import io.cikit.core.regression.RunRecord;
import io.cikit.core.regression.RunSummary;
import io.cikit.core.regression.StatusChange;
import io.cikit.core.regression.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every rendering of a report says, computed once: headline, sections, culprits, trends. Stateless. */
public final class ReportFacts {

    private ReportFacts() {
    }

    /** One board configuration's part of the report: its counts and its notable tests in report order. */
    public record Section(RunContext context, RunSummary summary, List<StatusChange> changes) {
    }

    /** A range to look at: what broke, where, and the commits that may have done it. */
    public record Culprit(String subject, String board, CommitRange range) {
    }

    /** A metric's recent values and the current one (last), labelled by abbreviated commit. */
    public record Trend(String title, String unit, List<String> labels, List<Double> values, Verdict verdict) {
    }

    /** {@code Regression: 1 new failure, 1 metric regression}, {@code Improvement: 2 fixed}, {@code No change}. */
    public static String headline(RegressionReport report) {
        List<String> parts = new ArrayList<>();
        long newFailures = report.statusChanges(StatusChange.Kind.NEW_FAILURE).size();
        long fixed = report.statusChanges(StatusChange.Kind.FIXED).size();
        long regressions = report.metricChanges().stream().filter(m -> m.verdict() == Verdict.REGRESSION).count();
        long improvements = report.metricChanges().stream().filter(m -> m.verdict() == Verdict.IMPROVEMENT).count();
        long flaky = report.statusChanges(StatusChange.Kind.FLAKY).size();
        if (newFailures > 0) {
            parts.add(Text.count(newFailures, "new failure", "new failures"));
        }
        if (regressions > 0) {
            parts.add(Text.count(regressions, "metric regression", "metric regressions"));
        }
        if (fixed > 0) {
            parts.add(Text.count(fixed, "fixed", "fixed"));
        }
        if (improvements > 0) {
            parts.add(Text.count(improvements, "metric improvement", "metric improvements"));
        }
        if (flaky > 0) {
            parts.add(Text.count(flaky, "flaky", "flaky"));
        }
        String word = switch (report.verdict()) {
            case REGRESSION -> "Regression";
            case IMPROVEMENT -> "Improvement";
            case UNCHANGED -> "No regressions";
        };
        return parts.isEmpty() ? word : word + ": " + String.join(", ", parts);
    }

    /** {@code 12 passed, 1 failed, 2 skipped} (errors and infra errors only when there are some). */
    public static String counts(RunSummary s) {
        List<String> parts = new ArrayList<>(List.of(s.passed() + " passed", s.failed() + " failed"));
        if (s.errors() > 0) {
            parts.add(Text.count(s.errors(), "error", "errors"));
        }
        parts.add(s.skipped() + " skipped");
        if (s.infraErrors() > 0) {
            parts.add(Text.count(s.infraErrors(), "infra error", "infra errors"));
        }
        return String.join(", ", parts);
    }

    /** The tested commits, abbreviated, in run order without repeats. */
    public static List<String> commits(RegressionReport report) {
        Set<String> shas = new LinkedHashSet<>();
        for (RunRecord run : report.runs()) {
            shas.add(CommitRange.abbreviate(run.commitSha()));
        }
        return List.copyOf(shas);
    }

    /** One section per run context, in run order; changes sorted new failures first, then fixed, flaky, …. */
    public static List<Section> sections(RegressionReport report) {
        Map<RunContext, RunSummary> summaries = new LinkedHashMap<>();
        for (RunRecord run : report.runs()) {
            summaries.merge(run.context(), RunSummary.of(run), RunSummary::plus);
        }
        List<Section> out = new ArrayList<>();
        for (Map.Entry<RunContext, RunSummary> e : summaries.entrySet()) {
            List<StatusChange> changes = report.statusChanges().stream()
                    .filter(c -> c.key().context().equals(e.getKey()))
                    .sorted(Comparator.comparing(StatusChange::kind).thenComparing(c -> c.key().test()))
                    .toList();
            out.add(new Section(e.getKey(), e.getValue(), changes));
        }
        return out;
    }

    /** {@code new failure}, {@code fixed}, {@code flaky (3 flips)}, {@code still failing}, {@code new test}, {@code missing}. */
    public static String kind(StatusChange c) {
        return switch (c.kind()) {
            case NEW_FAILURE -> "new failure";
            case FIXED -> "fixed";
            case FLAKY -> "flaky (" + Text.count(c.flips(), "flip", "flips") + ")";
            case STILL_FAILING -> "still failing";
            case NEW_TEST -> "new test";
            case MISSING -> "missing";
        };
    }

    /** The ranges worth investigating: new failures and metric regressions, in report order. */
    public static List<Culprit> culprits(RegressionReport report) {
        List<Culprit> out = new ArrayList<>();
        for (StatusChange c : report.statusChanges(StatusChange.Kind.NEW_FAILURE)) {
            c.range().ifPresent(r -> out.add(new Culprit(c.key().subject(), c.key().context().boardType(), r)));
        }
        for (MetricChange m : report.metricChanges()) {
            if (m.verdict() == Verdict.REGRESSION) {
                m.culprit().ifPresent(r -> out.add(new Culprit(m.key().subject(), m.key().context().boardType(), r)));
            }
        }
        return out;
    }

    /** Trend data of changed metrics: at most {@code maxCharts}, each with at most {@code maxPoints} points. */
    public static List<Trend> trends(RegressionReport report, int maxPoints, int maxCharts) {
        List<Trend> out = new ArrayList<>();
        for (MetricChange m : report.changedMetrics()) {
            if (out.size() >= maxCharts) {
                break;
            }
            List<MetricSample> history = m.history();
            int from = Math.max(0, history.size() - (maxPoints - 1));
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (MetricSample s : history.subList(from, history.size())) {
                labels.add(CommitRange.abbreviate(s.commitSha()));
                values.add(s.value());
            }
            labels.add(CommitRange.abbreviate(m.commitSha()));
            values.add(m.current());
            String board = m.key().context().boardType();
            String title = m.key().subject() + (board.isEmpty() ? "" : " on " + board);
            out.add(new Trend(title, m.unit(), labels, values, m.verdict()));
        }
        return out;
    }
}
