package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets in docs/results.md, compiled and run. */
class ResultsDocExamplesTest {

    @Test
    void resultsParseCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kunit.log");
        Files.writeString(file, Fixtures.text("ktap/kunit-boot.log"));
        String formatOption = "auto";

        // docs: results-parse
        ResultFormat format = ResultFormat.fromId(formatOption)
                .orElseThrow(() -> new IllegalArgumentException("unknown format " + formatOption));
        ObjectNode json = ResultParser.of(format).parse(file).toJson();
        // end

        assertThat(json.get("format").asText()).isEqualTo("ktap");
        assertThat(json.get("summary").get("total").asInt()).isEqualTo(10);
    }

    @Test
    void logAnalyzeCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("console.log");
        Files.writeString(file, Fixtures.text("log/qemu-vfs-panic.log"));

        // docs: log-analyze
        ObjectNode json = ConsoleLogAnalyzer.analyze(file).toJson();
        // end

        assertThat(json.get("incidents").get(0).get("kind").asText()).isEqualTo("KERNEL_PANIC");
        assertThat(json.get("lastStage").asText()).isEqualTo("KERNEL_STARTED");
    }

    @Test
    void liveConsole() throws Exception {
        List<String> seen = new ArrayList<>();
        InputStream console = new java.io.ByteArrayInputStream(
                Fixtures.text("log/arm64-uboot-panic.log").getBytes(StandardCharsets.UTF_8));

        // docs: live-console
        ConsoleLogAnalyzer analyzer = ConsoleLogAnalyzer.create(LogLimits.DEFAULT, new ConsoleLogAnalyzer.Listener() {
            @Override
            public void incidentStarted(IncidentKind kind, long line, String summary) {
                if (kind.fatal()) {
                    seen.add("stop waiting: " + summary);   // e.g. cancel the boot timeout
                }
            }

            @Override
            public void stageReached(BootStageReached stage) {
                seen.add(stage.stage() + " at line " + stage.line());
            }
        });
        byte[] buf = new byte[8192];
        int n;
        while ((n = console.read(buf)) >= 0) {
            if (n == 0) {
                analyzer.quiet();           // the console went silent: a prompt may be waiting
            } else {
                analyzer.feed(buf, 0, n);
            }
        }
        LogAnalysis result = analyzer.finish();
        // end

        assertThat(seen).contains("BOOTLOADER at line 1", "stop waiting: Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b");
        assertThat(result.fatal()).isTrue();
    }

    @Test
    void kunitResultsOnTheConsole() {
        String consoleLog = Fixtures.text("ktap/kunit-boot.log");

        // docs: kunit-prefix
        TestResults kunit = ResultParser.ktap().parse(consoleLog).withPathPrefix("kunit");
        // end

        assertThat(kunit.results().get(0).path()).isEqualTo("kunit.example.example_simple_test");
    }
}
