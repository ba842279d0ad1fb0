package io.cikit.core.report.internal;

import io.cikit.core.event.CommitInfo;
import io.cikit.core.regression.CommitRange;
import io.cikit.core.regression.MetricChange;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunSummary;
import io.cikit.core.regression.StatusChange;
import io.cikit.core.regression.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * Lays a report out as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no external
 * references. Every piece of text from the report is escaped. Stateless.
 */
public final class HtmlReport {

    private static final String STYLE = "body{font-family:system-ui,-apple-system,sans-serif;margin:2em;color:#1f2328;"
            + "max-width:72em}table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #d0d7de;"
            + "padding:4px 8px;text-align:left;vertical-align:top}td.n{text-align:right}code{font-size:90%}"
            + ".regression,.new_failure{color:#cf222e}.improvement,.fixed{color:#1a7f37}.flaky,.still_failing{color:#9a6700}"
            + "figure{display:inline-block;margin:0 1em 1em 0}svg{background:#f6f8fa}";

    private HtmlReport() {
    }

    public static String render(RegressionReport report, String title, int maxTrendPoints, int maxTrendCharts) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Text.html(title)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Text.html(title)).append("</h1>\n");
        h.append("<p class=\"verdict ").append(cls(report.verdict())).append("\"><strong>")
                .append(Text.html(ReportFacts.headline(report))).append("</strong> · ")
                .append(Text.html(ReportFacts.counts(report.total())));
        List<String> commits = ReportFacts.commits(report);
        if (!commits.isEmpty()) {
            h.append(" · commit ");
            for (int i = 0; i < commits.size(); i++) {
                h.append(i > 0 ? ", " : "").append("<code>").append(Text.html(commits.get(i))).append("</code>");
            }
        }
        h.append("</p>\n");
        List<ReportFacts.Section> sections = ReportFacts.sections(report);
        if (!sections.isEmpty()) {
            h.append("<table>\n<tr><th>board</th><th>passed</th><th>failed</th><th>skipped</th><th>new failures</th>"
                    + "<th>fixed</th><th>flaky</th></tr>\n");
            for (ReportFacts.Section s : sections) {
                RunSummary sum = s.summary();
                h.append("<tr><td>").append(Text.html(s.context().label())).append("</td>");
                for (long n : new long[] {sum.passed(), sum.failed() + sum.errors(), sum.skipped(),
                        count(s, StatusChange.Kind.NEW_FAILURE), count(s, StatusChange.Kind.FIXED), count(s, StatusChange.Kind.FLAKY)}) {
                    h.append("<td class=\"n\">").append(n).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        for (ReportFacts.Section s : sections) {
            h.append("<h2>").append(Text.html(s.context().label())).append("</h2>\n<p>")
                    .append(Text.html(ReportFacts.counts(s.summary()))).append("</p>\n");
            if (s.changes().isEmpty()) {
                continue;
            }
            h.append("<table>\n<tr><th>test</th><th>status</th><th>before</th><th>now</th><th>range</th></tr>\n");
            for (StatusChange c : s.changes()) {
                h.append("<tr class=\"").append(c.kind().name().toLowerCase(Locale.ROOT)).append("\"><td><code>")
                        .append(Text.html(c.key().test())).append("</code></td><td>").append(Text.html(ReportFacts.kind(c)))
                        .append("</td><td>").append(c.from().map(Enum::name).orElse("–"))
                        .append("</td><td>").append(c.to().map(Enum::name).orElse("–")).append("</td><td>")
                        .append(c.range().map(r -> "<code>" + Text.html(r.shortText()) + "</code>").orElse(""))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        metrics(h, report);
        culprits(h, report);
        List<ReportFacts.Trend> trends = ReportFacts.trends(report, maxTrendPoints, maxTrendCharts);
        if (!trends.isEmpty()) {
            h.append("<h2>Trends</h2>\n");
            for (ReportFacts.Trend t : trends) {
                h.append(SvgChart.render(t));
            }
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void metrics(StringBuilder h, RegressionReport report) {
        List<MetricChange> changed = report.changedMetrics();
        if (changed.isEmpty()) {
            return;
        }
        h.append("<h2>Metric changes</h2>\n<table>\n<tr><th>metric</th><th>board</th><th>baseline</th><th>now</th>"
                + "<th>Δ</th><th>confidence</th><th>verdict</th><th>flagged by</th></tr>\n");
        for (MetricChange m : changed) {
            h.append("<tr class=\"").append(cls(m.verdict())).append("\"><td><code>").append(Text.html(m.key().subject()))
                    .append("</code>").append(m.unit().isEmpty() ? "" : " (" + Text.html(m.unit()) + ")").append("</td><td>")
                    .append(Text.html(m.key().context().boardType())).append("</td><td class=\"n\">")
                    .append(Text.html(Text.number(m.baseline().mean()) + " ± " + Text.number(m.baseline().stdDev())
                            + " (n=" + m.baseline().count() + ")"))
                    .append("</td><td class=\"n\">").append(Text.html(Text.number(m.current()))).append("</td><td class=\"n\">")
                    .append(m.changePercent().isPresent() ? Text.html(Text.percent(m.changePercent().getAsDouble())) : "–")
                    .append("</td><td class=\"n\">")
                    .append(m.pValue().isPresent() ? Text.html(Text.confidence(m.pValue().getAsDouble())) : "–")
                    .append("</td><td>").append(m.verdict().word()).append("</td><td>")
                    .append(Text.html(String.join(", ", m.flaggedBy()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void culprits(StringBuilder h, RegressionReport report) {
        List<ReportFacts.Culprit> culprits = ReportFacts.culprits(report);
        if (culprits.isEmpty()) {
            return;
        }
        h.append("<h2>Culprit ranges</h2>\n<ul>\n");
        for (ReportFacts.Culprit c : culprits) {
            CommitRange r = c.range();
            h.append("<li><code>").append(Text.html(c.subject())).append("</code>")
                    .append(c.board().isEmpty() ? "" : " on " + Text.html(c.board())).append(": <code>")
                    .append(Text.html(r.shortText())).append("</code>");
            if (!r.candidates().isEmpty()) {
                h.append("\n<ul>\n");
                for (CommitInfo commit : r.candidates()) {
                    h.append("<li><code>").append(Text.html(CommitRange.abbreviate(commit.sha()))).append("</code> ")
                            .append(Text.html(MarkdownReport.subjectLine(commit.message()))).append("</li>\n");
                }
                h.append("</ul>\n");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static long count(ReportFacts.Section s, StatusChange.Kind kind) {
        return s.changes().stream().filter(c -> c.kind() == kind).count();
    }

    private static String cls(Verdict v) {
        return v.word();
    }
}
