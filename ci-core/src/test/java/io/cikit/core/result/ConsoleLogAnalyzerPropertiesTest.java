package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ConsoleLogAnalyzerPropertiesTest {
    private static final List<String> FIXTURE_LINES = List.of(String.join("\n",
            Fixtures.text("log/x86-incidents.log"), Fixtures.text("log/arm64-uboot-panic.log"),
            Fixtures.text("log/uboot-bad-magic.log"), Fixtures.text("log/qemu-vfs-panic.log"),
            Fixtures.text("log/busybox-prompt.log"), Fixtures.text("ktap/kunit-boot.log")).split("\n"));

    @Property(tries = 300)
    void anyLinesAreAnalyzedWithoutThrowingAndIncidentsComeInLineOrder(@ForAll("consoleSoup") List<String> lines) {
        String log = String.join("\n", lines);

        LogAnalysis a = ConsoleLogAnalyzerTest.analyze(log);

        assertThat(a.incidents()).isSortedAccordingTo((x, y) -> Long.compare(x.line(), y.line()));
        assertThat(a.bootStages()).isSortedAccordingTo((x, y) -> Long.compare(x.line(), y.line()));
        assertThat(a.incidents()).allSatisfy(i -> {
            assertThat(i.line()).isBetween(1L, Math.max(1, a.lines()));
            assertThat(i.trace()).isNotEmpty().hasSizeLessThanOrEqualTo(LogLimits.DEFAULT.maxTraceLines());
            assertThat(i.fatal()).isEqualTo(i.kind().fatal() && !i.summary().contains("starting again"));
        });
        assertThat(a.lastStage()).isEqualTo(a.bootStages().isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(a.bootStages().get(a.bootStages().size() - 1).stage()));
    }

    @Property(tries = 200)
    void howTheBytesAreChunkedNeverChangesTheAnalysis(@ForAll("consoleSoup") List<String> lines,
            @ForAll @IntRange(min = 1, max = 97) int chunk) {
        byte[] log = String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
        LogAnalysis whole = ConsoleLogAnalyzerTest.analyze(new String(log, StandardCharsets.UTF_8));

        ConsoleLogAnalyzer pieces = ConsoleLogAnalyzer.create();
        for (int i = 0; i < log.length; i += chunk) {
            pieces.feed(log, i, Math.min(chunk, log.length - i));
        }

        assertThat(pieces.finish()).isEqualTo(whole);
    }

    @Property(tries = 200)
    void charactersFedInAnyPiecesGiveTheSameAnalysisAsTheirUtf8Bytes(@ForAll("consoleSoup") List<String> lines,
            @ForAll @IntRange(min = 1, max = 31) int chunk) {
        String log = String.join("\n", lines);
        LogAnalysis fromBytes = ConsoleLogAnalyzerTest.analyze(log);

        ConsoleLogAnalyzer chars = ConsoleLogAnalyzer.create();
        for (int i = 0; i < log.length(); i += chunk) {
            chars.feed(log.substring(i, Math.min(log.length(), i + chunk)));
        }

        assertThat(chars.finish()).isEqualTo(fromBytes);
    }

    @Property(tries = 200)
    void aLogCutShortKeepsEveryIncidentThatStartedBeforeTheCut(@ForAll @IntRange(min = 0, max = 400) int cutAt) {
        String full = Fixtures.text("log/x86-incidents.log");
        String[] lines = full.split("\n", -1);
        String cut = String.join("\n", java.util.Arrays.copyOf(lines, Math.min(cutAt, lines.length)));

        LogAnalysis whole = ConsoleLogAnalyzerTest.analyze(full);
        LogAnalysis part = ConsoleLogAnalyzerTest.analyze(cut);

        List<String> wholeStarts = whole.incidents().stream().map(i -> i.line() + ":" + i.kind()).toList();
        List<LogIncident> found = part.incidents();
        for (int i = 0; i < found.size(); i++) {
            LogIncident inc = found.get(i);
            if (i < found.size() - 1) {
                assertThat(wholeStarts).contains(inc.line() + ":" + inc.kind());
            } else {
                // the last report may be cut before the line that decides its kind ("cut here" then the headline)
                assertThat(whole.incidents()).anyMatch(w -> w.line() == inc.line());
            }
        }
        assertThat(part.bootStages()).isEqualTo(whole.bootStages().stream().filter(s -> s.line() <= part.lines())
                .toList());
    }

    @Property(tries = 200)
    void arbitraryBytesNeverBreakTheAnalyzer(@ForAll @Size(max = 4000) byte[] bytes) {
        LogAnalysis a = ConsoleLogAnalyzer.analyze(new java.io.ByteArrayInputStream(bytes));

        assertThat(a.bytes()).isEqualTo(bytes.length);
        assertThat(a.incidents()).isSortedAccordingTo((x, y) -> Long.compare(x.line(), y.line()));
    }

    @Provide
    Arbitrary<List<String>> consoleSoup() {
        Arbitrary<String> prefix = Arbitraries.of("", "[    1.234567] ", "[   12.000001][    T1] ", "<4>", "  ", "\t");
        Arbitrary<String> body = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(FIXTURE_LINES)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('\u00e0', '\u00ff')
                        .withChars('\uD83D', '\uDE00', '#', '$', ':', ' ').ofMaxLength(20)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("Kernel panic - not syncing: x", "---[ end trace ]---",
                        "------------[ cut here ]------------", "Call Trace:", "=".repeat(66), "login:", "/ #",
                        "U-Boot 2024.01", "Linux version 6.6", "Oops: 0000 [#1]", "BUG: KASAN: x", "UBSAN: y", "",
                        "Out of memory: Killed process 1 (x)", "Run /init as init process")));
        return net.jqwik.api.Combinators.combine(prefix, body).as(String::concat).list().ofMaxSize(120);
    }
}
