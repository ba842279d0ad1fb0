package io.cikit.core.report;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a rendered report.
 *
 * @param title heading of the report (default {@code "cikit test report"})
 * @param maxChars the most characters (UTF-16 units) a Markdown report may have, at least {@value #MIN_CHARS};
 *         default {@link #GITHUB_COMMENT_LIMIT}. HTML is not cut
 * @param fullReportUrl linked from a cut Markdown report
 * @param maxTrendPoints points per trend chart, the current one included (default 30, at least 2)
 * @param maxTrendCharts charts per report (default 10)
 */
public record ReportOptions(String title, int maxChars, Optional<String> fullReportUrl, int maxTrendPoints,
        int maxTrendCharts) {

    /** GitHub's limit for an issue or PR comment body. */
    public static final int GITHUB_COMMENT_LIMIT = 65_536;
    /** GitLab's limit for a note. */
    public static final int GITLAB_NOTE_LIMIT = 1_000_000;
    /** The smallest size a report can be cut to and still say something. */
    public static final int MIN_CHARS = 200;

    public static final ReportOptions DEFAULTS =
            new ReportOptions("cikit test report", GITHUB_COMMENT_LIMIT, Optional.empty(), 30, 10);

    public ReportOptions {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fullReportUrl, "fullReportUrl");
        if (maxChars < MIN_CHARS) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_CHARS + ": " + maxChars);
        }
        if (maxTrendPoints < 2 || maxTrendCharts < 0) {
            throw new IllegalArgumentException("need maxTrendPoints ≥ 2 and maxTrendCharts ≥ 0: " + maxTrendPoints + ", " + maxTrendCharts);
        }
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link ReportOptions} from the defaults. Not thread-safe. */
    public static final class Builder {
        private String title;
        private int maxChars;
        private Optional<String> fullReportUrl;
        private int maxTrendPoints;
        private int maxTrendCharts;

        private Builder(ReportOptions from) {
            title = from.title;
            maxChars = from.maxChars;
            fullReportUrl = from.fullReportUrl;
            maxTrendPoints = from.maxTrendPoints;
            maxTrendCharts = from.maxTrendCharts;
        }

        public Builder title(String v) { this.title = Objects.requireNonNull(v, "title"); return this; }
        public Builder maxChars(int v) { this.maxChars = v; return this; }
        public Builder fullReportUrl(String v) { this.fullReportUrl = Optional.of(v); return this; }
        public Builder maxTrendPoints(int v) { this.maxTrendPoints = v; return this; }
        public Builder maxTrendCharts(int v) { this.maxTrendCharts = v; return this; }

        public ReportOptions build() {
            return new ReportOptions(title, maxChars, fullReportUrl, maxTrendPoints, maxTrendCharts);
        }
    }
}
