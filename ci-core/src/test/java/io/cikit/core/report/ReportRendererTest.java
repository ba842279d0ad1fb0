package io.cikit.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.StatusChange;
import io.cikit.core.regression.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRendererTest {

    /** Run with -Dcikit.updateSnapshots=true to rewrite the expected files after a deliberate change. */
    private static final boolean UPDATE = Boolean.getBoolean("cikit.updateSnapshots");

    private final RegressionReport report = ReportFixture.report();

    @Test
    void theFixtureHasEveryKindOfChange() {
        assertThat(report.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(report.statusChanges()).extracting(c -> c.key().context().boardType() + " " + c.kind() + " " + c.key().test())
                .containsExactly("rpi4 NEW_FAILURE ltp.sem01", "rpi4 FIXED ltp.sem02", "rpi4 FLAKY ltp.flaky",
                        "rpi4 NEW_TEST ltp.new <b>&amp;</b> @reviewer | `odd`", "qemu-x86_64 MISSING ltp.gone");
        assertThat(report.changedMetrics()).extracting(m -> m.key().subject() + " " + m.verdict())
                .containsExactly("boot#time REGRESSION", "net#throughput IMPROVEMENT");
    }

    @Test
    void markdownMatchesTheSnapshot() throws IOException {
        snapshot("report.md", ReportRenderer.markdown(report, ReportOptions.DEFAULTS));
    }

    @Test
    void htmlMatchesTheSnapshot() throws IOException {
        snapshot("report.html", ReportRenderer.html(report, ReportOptions.DEFAULTS));
    }

    @Test
    void aCutMarkdownReportMatchesTheSnapshot() throws IOException {
        ReportOptions small = ReportOptions.builder().maxChars(1500).fullReportUrl("https://ci.example/r/812").build();
        String cut = ReportRenderer.markdown(report, small);

        assertThat(cut.length()).isLessThanOrEqualTo(1500);
        assertThat(cut).endsWith("[Full report](https://ci.example/r/812)_\n");
        snapshot("report-cut.md", cut);
    }

    @Test
    void markdownNeverLetsATestNameOrCommitMessageMentionSomeoneOrBreakATable() {
        String md = ReportRenderer.markdown(report, ReportOptions.DEFAULTS);

        // names go in code spans, where GitHub and GitLab neither link mentions nor read HTML
        assertThat(md).contains("`` ltp.new <b>&amp;</b> @reviewer \\| `odd` ``");
        assertThat(md.replace("`` ltp.new <b>&amp;</b> @reviewer \\| `odd` ``", "")).doesNotContain("@reviewer").doesNotContain("<b>");
        // commit messages are free text: the mention is broken, the markup escaped
        assertThat(md).doesNotContain("@someone").contains("@\u200Bsomeone").contains("\\<b\\>speed\\</b\\>");
        for (String line : md.split("\n")) {
            if (line.startsWith("| ") && line.contains("new test")) {
                // five cells: the escaped pipe inside the name must not add one
                assertThat(line.split("(?<!\\\\)\\|", -1)).hasSize(7);
            }
        }
    }

    @Test
    void markdownHasOneMermaidTrendPerChangedMetric() {
        String md = ReportRenderer.markdown(report, ReportOptions.DEFAULTS);

        Matcher m = Pattern.compile("```mermaid\nxychart-beta\n    title \"([^\"]*)\"\n    x-axis \\[([^\\]]*)]\n    y-axis \"[^\"]*\"\n    line \\[([^\\]]*)]\n```").matcher(md);
        int charts = 0;
        while (m.find()) {
            charts++;
            assertThat(m.group(2).split(", ")).hasSize(13);
            assertThat(m.group(3).split(", ")).hasSize(13);
        }
        assertThat(charts).isEqualTo(2);
        assertThat(ReportRenderer.markdown(report, ReportOptions.builder().maxTrendPoints(5).build())).contains("line [");
    }

    @Test
    void htmlIsSelfContainedAndEscapesEverything() {
        String html = ReportRenderer.html(report, ReportOptions.builder().title("<script>alert(1)</script>").build());

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<script").doesNotContain("<b>").doesNotContain("src=").doesNotContain("href=")
                .doesNotContain("http:").doesNotContain("https:").doesNotContain("@import");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("ltp.new &lt;b&gt;&amp;amp;&lt;/b&gt;");
        assertThat(html).containsPattern("<svg width=\"480\"[^>]*>");
        assertThat(count(html, "<svg")).isEqualTo(2);
        assertThat(count(html, "<polyline")).isEqualTo(2);
    }

    @Test
    void theStatusDescriptionSaysWhatMattersInOneLine() {
        String description = ReportRenderer.statusDescription(report);

        assertThat(description).isEqualTo(
                "6 passed, 2 failed, 1 new failure on rpi4: ltp.sem01, 1 metric regression (boot#time +13.6%), 1 fixed, 1 flaky");
        assertThat(description.length()).isLessThanOrEqualTo(ReportRenderer.MAX_DESCRIPTION);
        assertThat(ReportRenderer.render(report, ReportFormat.PLAIN, ReportOptions.DEFAULTS)).isEqualTo(description);
    }

    @Test
    void theDocumentedExampleDescriptionComesOutAsWritten() {
        io.cikit.core.regression.RunContext rpi4 = io.cikit.core.regression.RunContext.builder().boardType("rpi4").build();
        io.cikit.core.regression.InMemoryResultHistory history = new io.cikit.core.regression.InMemoryResultHistory();
        io.cikit.core.regression.RunRecord.Builder before = io.cikit.core.regression.RunRecord.builder(rpi4, "a");
        io.cikit.core.regression.RunRecord.Builder now = io.cikit.core.regression.RunRecord.builder(rpi4, "b");
        for (int i = 0; i < 12; i++) {
            before.test("ltp.t" + i, io.cikit.core.regression.Outcome.PASS);
            now.test("ltp.t" + i, io.cikit.core.regression.Outcome.PASS);
        }
        history.append(before.test("ltp.sem01", io.cikit.core.regression.Outcome.PASS).build());
        RegressionReport r = io.cikit.core.regression.RegressionDetector.builder()
                .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).build()
                .check(history, now.test("ltp.sem01", io.cikit.core.regression.Outcome.FAIL).build());

        assertThat(ReportRenderer.statusDescription(r)).isEqualTo("12 passed, 1 new failure on rpi4: ltp.sem01");
        assertThat(r.statusChanges(StatusChange.Kind.NEW_FAILURE)).hasSize(1);
    }

    @Test
    void theCommandLineFacadeRendersFromFiles(@TempDir Path dir) throws IOException {
        Path history = dir.resolve("history.jsonl");
        Path current = dir.resolve("current.json");
        Files.writeString(history, ReportFixture.resource("history.jsonl"));
        Files.writeString(current, ReportFixture.resource("current.json"));

        String md = ReportRenderer.render(history, current, ReportFormat.MARKDOWN, ReportOptions.DEFAULTS);
        String html = ReportRenderer.render(history, current, ReportFormat.HTML, ReportOptions.DEFAULTS);

        assertThat(md).startsWith("### cikit test report\n").contains("new failure");
        assertThat(html).contains("<h1>cikit test report</h1>");
        assertThat(ReportFormat.parse("Markdown")).contains(ReportFormat.MARKDOWN);
        assertThat(ReportFormat.parse("html")).contains(ReportFormat.HTML);
        assertThat(ReportFormat.parse("pdf")).isEmpty();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static void snapshot(String name, String actual) throws IOException {
        if (UPDATE) {
            Path file = Path.of("src/test/resources/io/cikit/core/report", name);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("rendered %s (rerun with -Dcikit.updateSnapshots=true after a deliberate change)", name)
                .isEqualTo(ReportFixture.resource(name));
    }
}
