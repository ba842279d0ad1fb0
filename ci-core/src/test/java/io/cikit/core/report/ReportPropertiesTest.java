package io.cikit.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.regression.RegressionReport;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class ReportPropertiesTest {

    private static final Set<String> OWN_TAGS = Set.of("!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1",
            "h2", "p", "strong", "code", "table", "tr", "th", "td", "ul", "li", "figure", "svg", "line", "text", "polyline",
            "circle", "figcaption");
    private static final Pattern TAG = Pattern.compile("<(/?)([!A-Za-z][A-Za-z0-9]*)");

    @Property(tries = 200)
    void aCutMarkdownReportFitsEndsWithTheNoteAndCutsOnlyBetweenRowsAndBlocks(@ForAll("reports") RegressionReport report,
            @ForAll @IntRange(min = ReportOptions.MIN_CHARS, max = 12_000) int maxChars) {
        String full = ReportRenderer.markdown(report, ReportOptions.builder().maxChars(Integer.MAX_VALUE).build());
        String cut = ReportRenderer.markdown(report, ReportOptions.builder().maxChars(maxChars).fullReportUrl("https://ci/r/1").build());

        assertThat(cut.length()).isLessThanOrEqualTo(maxChars);
        Statistics.label("cut").collect(full.length() > maxChars);
        Statistics.label("cut").coverage(c -> c.check(true).percentage(p -> p >= 30));
        if (full.length() <= maxChars) {
            assertThat(cut).isEqualTo(full);
            return;
        }
        String note = "\n_Report cut to fit the comment size limit. [Full report](https://ci/r/1)_\n";
        assertThat(cut).endsWith(note);
        String kept = cut.substring(0, cut.length() - note.length());
        // a prefix of whole lines of the full report
        assertThat(full).startsWith(kept);
        assertThat(kept.isEmpty() || kept.endsWith("\n")).isTrue();
        // never inside a code fence
        long fences = kept.lines().filter(l -> l.startsWith("```")).count();
        assertThat(fences % 2).isZero();
        // a table is never left with a header but no rows
        String[] lines = kept.split("\n", -1);
        if (lines.length >= 2 && lines[lines.length - 2].startsWith("| ---")) {
            throw new AssertionError("cut right after a table header:\n" + kept);
        }
    }

    @Property(tries = 200)
    void markdownKeepsEveryRowOnOneLineAndEveryFenceClosed(@ForAll("reports") RegressionReport report) {
        String md = ReportRenderer.markdown(report, ReportOptions.builder().maxChars(Integer.MAX_VALUE).build());

        boolean inFence = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (!inFence && line.startsWith("| ")) {
                assertThat(line).endsWith(" |");
            }
            assertThat(line).doesNotContain("\r").doesNotContain("\u2028");
        }
        assertThat(inFence).isFalse();
    }

    @Property(tries = 80)
    void htmlContainsNoMarkupButItsOwn(@ForAll("reports") RegressionReport report) {
        String html = ReportRenderer.html(report, ReportOptions.DEFAULTS);

        Matcher m = TAG.matcher(html);
        while (m.find()) {
            assertThat(OWN_TAGS).contains(m.group(2));
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("href").doesNotContain("src=");
    }

    @Property(tries = 300)
    void theStatusDescriptionIsOneLineOfAtMost140Characters(@ForAll("reports") RegressionReport report) {
        String description = ReportRenderer.statusDescription(report);

        assertThat(description.length()).isLessThanOrEqualTo(ReportRenderer.MAX_DESCRIPTION);
        assertThat(description).doesNotContain("\n").doesNotContain("\r").startsWith(report.total().passed() + " passed");
        assertThat(QualityGate.builder().minPassRatePercent(99).maxMetricRegressionPercent(0).build().evaluate(report)
                .description().length()).isLessThanOrEqualTo(ReportRenderer.MAX_DESCRIPTION);
    }

    @Provide
    Arbitrary<RegressionReport> reports() {
        return ReportArbitraries.reports();
    }
}
