package io.cikit.core.report.internal;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.regression.CommitRange;
import io.cikit.core.regression.MetricChange;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunSummary;
import io.cikit.core.regression.StatusChange;
import io.cikit.core.regression.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays a report out as Markdown for a PR/MR comment (GitHub and GitLab flavours both render it). Stateless. */
public final class MarkdownReport {

    /** Candidate commits listed per culprit range. */
    static final int MAX_CANDIDATES_SHOWN = 10;

    private MarkdownReport() {
    }

    public static MarkdownDocument build(RegressionReport report, String title, int maxTrendPoints, int maxTrendCharts) {
        MarkdownDocument doc = new MarkdownDocument();
        doc.lines("### " + Text.markdown(title));
        List<String> commits = ReportFacts.commits(report).stream().map(Text::code).toList();
        doc.lines("**" + icon(report.verdict()) + " " + Text.markdown(ReportFacts.headline(report)) + "** · "
                + ReportFacts.counts(report.total()) + (commits.isEmpty() ? "" : " · commit " + String.join(", ", commits)));
        summaryTable(doc, report);
        for (ReportFacts.Section section : ReportFacts.sections(report)) {
            doc.lines("#### " + Text.markdown(section.context().label()) + " — " + ReportFacts.counts(section.summary()));
            if (section.changes().isEmpty()) {
                doc.lines("_No status changes._");
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (StatusChange c : section.changes()) {
                rows.add(List.of(Text.code(c.key().test()), icon(c.kind()) + " " + ReportFacts.kind(c),
                        c.from().map(Enum::name).orElse("–"), c.to().map(Enum::name).orElse("–"),
                        c.range().map(r -> Text.code(r.shortText())).orElse("")));
            }
            doc.table(List.of("test", "status", "before", "now", "range"), List.of("---", "---", "---", "---", "---"), rows);
        }
        metrics(doc, report);
        culprits(doc, report);
        trends(doc, report, maxTrendPoints, maxTrendCharts);
        return doc;
    }

    private static void summaryTable(MarkdownDocument doc, RegressionReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ReportFacts.Section s : ReportFacts.sections(report)) {
            RunSummary sum = s.summary();
            rows.add(List.of(Text.markdown(s.context().label()), Integer.toString(sum.passed()),
                    Integer.toString(sum.failed() + sum.errors()), Integer.toString(sum.skipped()),
                    count(s.changes(), StatusChange.Kind.NEW_FAILURE), count(s.changes(), StatusChange.Kind.FIXED),
                    count(s.changes(), StatusChange.Kind.FLAKY)));
        }
        if (!rows.isEmpty()) {
            doc.table(List.of("board", "passed", "failed", "skipped", "new failures", "fixed", "flaky"),
                    List.of("---", "---:", "---:", "---:", "---:", "---:", "---:"), rows);
        }
    }

    private static void metrics(MarkdownDocument doc, RegressionReport report) {
        List<MetricChange> changed = report.changedMetrics();
        if (changed.isEmpty()) {
            return;
        }
        doc.lines("#### Metric changes");
        List<List<String>> rows = new ArrayList<>();
        for (MetricChange m : changed) {
            String unit = m.unit().isEmpty() ? "" : " (" + Text.markdown(m.unit()) + ")";
            String baseline = Text.number(m.baseline().mean()) + " ± " + Text.number(m.baseline().stdDev())
                    + " (n=" + m.baseline().count() + ")";
            rows.add(List.of(Text.code(m.key().subject()) + unit, Text.markdown(m.key().context().boardType()), baseline,
                    Text.number(m.current()), m.changePercent().isPresent() ? Text.percent(m.changePercent().getAsDouble()) : "–",
                    m.pValue().isPresent() ? Text.confidence(m.pValue().getAsDouble()) : "–",
                    icon(m.verdict()) + " " + m.verdict().word(), Text.markdown(String.join(", ", m.flaggedBy()))));
        }
        doc.table(List.of("metric", "board", "baseline", "now", "Δ", "confidence", "verdict", "flagged by"),
                List.of("---", "---", "---:", "---:", "---:", "---:", "---", "---"), rows);
    }

    private static void culprits(MarkdownDocument doc, RegressionReport report) {
        List<ReportFacts.Culprit> culprits = ReportFacts.culprits(report);
        if (culprits.isEmpty()) {
            return;
        }
        doc.lines("#### Culprit ranges");
        for (ReportFacts.Culprit c : culprits) {
            List<String> lines = new ArrayList<>();
            CommitRange r = c.range();
            String where = c.board().isEmpty() ? "" : " on " + Text.markdown(c.board());
            String candidates = r.candidates().isEmpty() ? ""
                    : ", " + Text.count(r.candidates().size(), "candidate", "candidates") + ":";
            lines.add("- " + Text.code(c.subject()) + where + ": " + Text.code(r.shortText()) + candidates);
            List<CommitInfo> shown = r.candidates().subList(0, Math.min(MAX_CANDIDATES_SHOWN, r.candidates().size()));
            for (CommitInfo commit : shown) {
                lines.add("  - " + Text.code(CommitRange.abbreviate(commit.sha())) + " " + Text.markdown(subjectLine(commit.message())));
            }
            if (r.candidates().size() > shown.size()) {
                lines.add("  - … and " + (r.candidates().size() - shown.size()) + " more");
            }
            doc.lines(lines);
        }
    }

    private static void trends(MarkdownDocument doc, RegressionReport report, int maxPoints, int maxCharts) {
        List<ReportFacts.Trend> trends = ReportFacts.trends(report, maxPoints, maxCharts);
        if (trends.isEmpty()) {
            return;
        }
        doc.lines("#### Trends");
        for (ReportFacts.Trend t : trends) {
            List<String> chart = new ArrayList<>();
            chart.add("xychart-beta");
            chart.add("    title \"" + Text.mermaid(t.title() + (t.unit().isEmpty() ? "" : " (" + t.unit() + ")")) + "\"");
            chart.add("    x-axis [" + String.join(", ", t.labels().stream().map(l -> "\"" + Text.mermaid(l) + "\"").toList()) + "]");
            chart.add("    y-axis \"" + (t.unit().isEmpty() ? "value" : Text.mermaid(t.unit())) + "\"");
            chart.add("    line [" + String.join(", ", t.values().stream().map(Text::plain).toList()) + "]");
            doc.fence("mermaid", chart);
        }
    }

    static String subjectLine(String message) {
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        return first.length() > 120 ? first.substring(0, 119) + "…" : first;
    }

    private static String count(List<StatusChange> changes, StatusChange.Kind kind) {
        return Long.toString(changes.stream().filter(c -> c.kind() == kind).count());
    }

    private static String icon(Verdict v) {
        return switch (v) {
            case REGRESSION -> "🔴";
            case IMPROVEMENT -> "🟢";
            case UNCHANGED -> "⚪";
        };
    }

    private static String icon(StatusChange.Kind kind) {
        return switch (kind) {
            case NEW_FAILURE -> "🔴";
            case FIXED -> "🟢";
            case FLAKY -> "🟡";
            case STILL_FAILING -> "🟠";
            case NEW_TEST -> "🆕";
            case MISSING -> "⚪";
        };
    }
}
