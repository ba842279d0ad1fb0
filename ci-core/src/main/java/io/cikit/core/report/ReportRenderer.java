package io.cikit.core.report;

import io.cikit.core.regression.MetricChange;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.Regressions;
import io.cikit.core.regression.RunSummary;
import io.cikit.core.regression.StatusChange;
import io.cikit.core.regression.Thresholds;
import io.cikit.core.regression.Verdict;
import io.cikit.core.report.internal.HtmlReport;
import io.cikit.core.report.internal.MarkdownReport;
import io.cikit.core.report.internal.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link RegressionReport} for people.
 *
 * <ul>
 *   <li>{@link #markdown}: for PR/MR comments — a one-line verdict, a table of boards (passed / failed / skipped /
 *       new failures / fixed / flaky), per board configuration the changed tests (new failures first, then fixed,
 *       flaky, still failing, new, missing), metric changes with Δ% and confidence, culprit ranges with candidate
 *       commits, and a Mermaid {@code xychart-beta} trend chart per changed metric. Cut to
 *       {@link ReportOptions#maxChars()} between blocks or table rows (never inside a row or a code fence), ending
 *       with a note and the link to the full report.</li>
 *   <li>{@link #html}: one self-contained page with inline CSS and SVG charts; every text is escaped.</li>
 *   <li>{@link #statusDescription}: one plain line of at most {@value #MAX_DESCRIPTION} characters, e.g.
 *       {@code 12 passed, 1 new failure on rpi4: ltp.sem01}.</li>
 * </ul>
 *
 * <p>Output is deterministic (no clocks): the same report renders to the same text. Stateless and thread-safe.
 * Test names and commit messages are escaped for each format; {@code @mentions} in them never notify anyone.
 */
public final class ReportRenderer {

    /** The longest status description (GitHub's limit for a commit status description). */
    public static final int MAX_DESCRIPTION = 140;

    private ReportRenderer() {
    }

    /** The report in the given format. */
    public static String render(RegressionReport report, ReportFormat format, ReportOptions options) {
        return switch (format) {
            case MARKDOWN -> markdown(report, options);
            case HTML -> html(report, options);
            case PLAIN -> statusDescription(report);
        };
    }

    /** Markdown for a PR/MR comment, at most {@code options.maxChars()} characters. */
    public static String markdown(RegressionReport report, ReportOptions options) {
        Objects.requireNonNull(report, "report");
        String note = options.fullReportUrl()
                .map(url -> "_Report cut to fit the comment size limit. [Full report](" + url.replace(")", "%29").replace(" ", "%20") + ")_")
                .orElse("_Report cut to fit the comment size limit._");
        return MarkdownReport.build(report, options.title(), options.maxTrendPoints(), options.maxTrendCharts())
                .render(options.maxChars(), note);
    }

    /** A self-contained HTML page. */
    public static String html(RegressionReport report, ReportOptions options) {
        Objects.requireNonNull(report, "report");
        return HtmlReport.render(report, options.title(), options.maxTrendPoints(), options.maxTrendCharts());
    }

    /**
     * One line for a commit status, at most {@value #MAX_DESCRIPTION} characters: what passed, then what matters
     * most ({@code 12 passed, 1 new failure on rpi4: ltp.sem01}), cut with {@code …} when longer.
     */
    public static String statusDescription(RegressionReport report) {
        RunSummary total = report.total();
        List<StatusChange> newFailures = report.statusChanges(StatusChange.Kind.NEW_FAILURE);
        List<String> parts = new ArrayList<>();
        parts.add(total.passed() + " passed");
        int failing = total.failed() + total.errors();
        if (failing > newFailures.size()) {
            parts.add(failing + " failed");
        }
        if (!newFailures.isEmpty()) {
            parts.add(Text.count(newFailures.size(), "new failure", "new failures") + " " + where(newFailures));
        }
        long regressions = report.metricChanges().stream().filter(m -> m.verdict() == Verdict.REGRESSION).count();
        if (regressions > 0) {
            parts.add(Text.count(regressions, "metric regression", "metric regressions") + " (" + worst(report.metricChanges()) + ")");
        }
        int fixed = report.statusChanges(StatusChange.Kind.FIXED).size();
        if (fixed > 0) {
            parts.add(fixed + " fixed");
        }
        int flaky = report.statusChanges(StatusChange.Kind.FLAKY).size();
        if (flaky > 0) {
            parts.add(flaky + " flaky");
        }
        if (total.skipped() > 0 && parts.size() == 1) {
            parts.add(total.skipped() + " skipped");
        }
        return fit(Text.oneLine(String.join(", ", parts)), MAX_DESCRIPTION);
    }

    /**
     * {@code cikit report render}: checks {@code current} (a run or an array of runs) against a history file opened
     * read-only, and renders the result.
     *
     * @throws io.cikit.core.regression.MalformedRecordException if the current runs are malformed
     * @throws io.cikit.core.CiException if a file cannot be read
     */
    public static String render(Path history, Path current, ReportFormat format, ReportOptions options) {
        return render(Regressions.regress(history, current, Thresholds.defaults()), format, options);
    }

    /** {@code on rpi4: ltp.sem01, ltp.sem02; on qemu: ltp.x}, boards in order of appearance. */
    private static String where(List<StatusChange> changes) {
        Map<String, List<String>> byBoard = new LinkedHashMap<>();
        for (StatusChange c : changes) {
            byBoard.computeIfAbsent(c.key().context().boardType(), b -> new ArrayList<>()).add(c.key().test());
        }
        List<String> parts = new ArrayList<>();
        byBoard.forEach((board, tests) -> parts.add((board.isEmpty() ? "" : "on " + board + ": ") + String.join(", ", tests)));
        return String.join("; ", parts);
    }

    private static String worst(List<MetricChange> metrics) {
        MetricChange worst = null;
        for (MetricChange m : metrics) {
            if (m.verdict() == Verdict.REGRESSION && (worst == null
                    || Math.abs(m.changePercent().orElse(0)) > Math.abs(worst.changePercent().orElse(0)))) {
                worst = m;
            }
        }
        if (worst == null) {
            return "";
        }
        return worst.key().subject() + (worst.changePercent().isPresent() ? " " + Text.percent(worst.changePercent().getAsDouble()) : "");
    }

    /** The text cut to {@code max} characters at a word boundary, ending in {@code …}. */
    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        String head = text.substring(0, cut);
        while (head.endsWith(",") || head.endsWith(";") || head.endsWith(":")) {
            head = head.substring(0, head.length() - 1);
        }
        if (!head.isEmpty() && Character.isHighSurrogate(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "…";
    }
}
