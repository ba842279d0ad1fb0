package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.CiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesResultHistoryTest extends ResultHistoryContract {

    @TempDir
    Path dir;

    private int files;
    private final java.util.List<JsonLinesResultHistory> opened = new java.util.ArrayList<>();

    @Override
    ResultHistory newHistory() {
        return track(JsonLinesResultHistory.open(dir.resolve("history-" + files++ + ".jsonl"), options().build()));
    }

    @AfterEach
    void closeAll() {
        opened.forEach(JsonLinesResultHistory::close);
    }

    @Test
    void runsSurviveARestart() {
        Path file = dir.resolve("h.jsonl");
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().build())) {
            history.append(Runs.run(Runs.RPI4, 1, "a=PASS", "b=FAIL"));
            history.append(Runs.timed(Runs.QEMU, 2, 12.5));
        }

        try (JsonLinesResultHistory reopened = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(reopened.recentRuns(Runs.RPI4, 10)).containsExactly(Runs.run(Runs.RPI4, 1, "a=PASS", "b=FAIL"));
            assertThat(reopened.recentRuns(Runs.QEMU, 10)).containsExactly(Runs.timed(Runs.QEMU, 2, 12.5));
            assertThat(reopened.recovery()).isEqualTo(new JsonLinesResultHistory.Recovery(2, 0, 0));
        }
    }

    @Test
    void aTornLastLineIsIgnoredAndTruncatedAway() throws IOException {
        Path file = dir.resolve("h.jsonl");
        writeRuns(file, 3);
        long goodSize = Files.size(file);
        byte[] torn = "{\"commit\":\"c4\",\"tests\":{\"a\":\"PA".getBytes(StandardCharsets.UTF_8);
        Files.write(file, torn, StandardOpenOption.APPEND);

        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(history.recentRuns(Runs.RPI4, 10)).hasSize(3);
            assertThat(history.recovery().bytesTruncated()).isEqualTo(torn.length);
            assertThat(Files.size(file)).isEqualTo(goodSize);
            history.append(Runs.run(Runs.RPI4, 5, "a=PASS"));
        }
        try (JsonLinesResultHistory again = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(again.recentRuns(Runs.RPI4, 10)).extracting(RunRecord::commitSha).containsExactly("c1", "c2", "c3", "c5");
            assertThat(again.recovery().bytesTruncated()).isZero();
        }
    }

    @Test
    void trailingGarbageLinesAfterTheLastGoodRecordAreTruncatedToo() throws IOException {
        Path file = dir.resolve("h.jsonl");
        writeRuns(file, 2);
        long goodSize = Files.size(file);
        Files.write(file, new byte[] {0, 0, 0, 0, '\n', 0, 0}, StandardOpenOption.APPEND);

        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(history.size()).isEqualTo(2);
            assertThat(history.recovery().bytesTruncated()).isEqualTo(7);
        }
        assertThat(Files.size(file)).isEqualTo(goodSize);
    }

    @Test
    void aWholeLastRecordMissingOnlyItsNewlineIsKeptAndTheNewlineRestored() throws IOException {
        Path file = dir.resolve("h.jsonl");
        writeRuns(file, 2);
        Files.write(file, RunRecordJson.toLine(Runs.run(Runs.RPI4, 3, "a=FAIL")), StandardOpenOption.APPEND);

        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(history.size()).isEqualTo(3);
            history.append(Runs.run(Runs.RPI4, 4, "a=PASS"));
        }
        try (JsonLinesResultHistory again = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(again.recentRuns(Runs.RPI4, 10)).extracting(RunRecord::commitSha).containsExactly("c1", "c2", "c3", "c4");
        }
    }

    @Test
    void unreadableLinesInTheMiddleAreSkippedAndCounted() throws IOException {
        Path file = dir.resolve("h.jsonl");
        String good1 = new String(RunRecordJson.toLine(Runs.run(Runs.RPI4, 1, "a=PASS")), StandardCharsets.UTF_8);
        String good2 = new String(RunRecordJson.toLine(Runs.run(Runs.RPI4, 2, "a=FAIL")), StandardCharsets.UTF_8);
        Files.writeString(file, good1 + "\nnot json at all\n{\"tests\":{}}\n\n" + good2 + "\n");
        long size = Files.size(file);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().meterRegistry(registry).build())) {
            assertThat(history.recentRuns(Runs.RPI4, 10)).extracting(RunRecord::commitSha).containsExactly("c1", "c2");
            assertThat(history.recovery()).isEqualTo(new JsonLinesResultHistory.Recovery(2, 2, 0));
        }
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(registry.get("cikit.history.lines.skipped").counter().count()).isEqualTo(2.0);
    }

    @Test
    void linesLongerThanTheLimitAreSkipped() throws IOException {
        Path file = dir.resolve("h.jsonl");
        String good = new String(RunRecordJson.toLine(Runs.run(Runs.RPI4, 1, "a=PASS")), StandardCharsets.UTF_8);
        Files.writeString(file, "x".repeat(5000) + "\n" + good + "\n");

        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().maxLineBytes(1000).build())) {
            assertThat(history.size()).isEqualTo(1);
            assertThat(history.recovery().linesSkipped()).isEqualTo(1);
            assertThatThrownBy(() -> history.append(Runs.run(Runs.RPI4, 2, "t".repeat(2000) + "=PASS")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limited");
        }
    }

    @Test
    void compactionKeepsExactlyTheRetainedRunsAndSurvivesReopen() throws IOException {
        Path file = dir.resolve("h.jsonl");
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().retainPerContext(5).build())) {
            for (int i = 1; i <= 20; i++) {
                history.append(Runs.run(Runs.RPI4, i, "a=PASS"));
            }
            history.append(Runs.run(Runs.QEMU, 1, "a=PASS"));
            assertThat(lines(file)).hasSize(21);

            history.compact();

            assertThat(lines(file)).hasSize(6);
            history.append(Runs.run(Runs.RPI4, 21, "a=FAIL"));
        }
        try (JsonLinesResultHistory reopened = JsonLinesResultHistory.open(file, options().retainPerContext(5).build())) {
            assertThat(reopened.recentRuns(Runs.RPI4, 100)).extracting(RunRecord::commitSha)
                    .containsExactly("c17", "c18", "c19", "c20", "c21");
            assertThat(reopened.recentRuns(Runs.QEMU, 100)).hasSize(1);
        }
        assertThat(Files.exists(dir.resolve("h.jsonl.compact"))).isFalse();
    }

    @Test
    void compactionHappensByItselfOnceEnoughLinesAreObsolete() throws IOException {
        Path file = dir.resolve("h.jsonl");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file,
                options().retainPerContext(3).compactAfterObsoleteLines(10).meterRegistry(registry).build())) {
            for (int i = 1; i <= 13; i++) {
                history.append(Runs.run(Runs.RPI4, i, "a=PASS"));
            }
            assertThat(lines(file)).hasSize(3);
            assertThat(registry.get("cikit.history.compactions").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("cikit.history.appends").counter().count()).isEqualTo(13.0);
        }
    }

    @Test
    void aLeftoverCompactionFileFromACrashIsDiscarded() throws IOException {
        Path file = dir.resolve("h.jsonl");
        writeRuns(file, 2);
        Files.writeString(dir.resolve("h.jsonl.compact"), "half a compaction");

        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(history.size()).isEqualTo(2);
        }
        assertThat(Files.exists(dir.resolve("h.jsonl.compact"))).isFalse();
    }

    @Test
    void onlyOneWriterAtATimeButReadersMayLook() throws IOException {
        Path file = dir.resolve("h.jsonl");
        try (JsonLinesResultHistory writer = JsonLinesResultHistory.open(file, options().build())) {
            writer.append(Runs.run(Runs.RPI4, 1, "a=PASS"));

            assertThatThrownBy(() -> JsonLinesResultHistory.open(file, options().build()))
                    .isInstanceOf(CiException.class).hasMessageContaining("already open");
            try (JsonLinesResultHistory reader = JsonLinesResultHistory.openReadOnly(file)) {
                assertThat(reader.size()).isEqualTo(1);
                assertThatThrownBy(() -> reader.append(Runs.run(Runs.RPI4, 2))).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(reader::compact).isInstanceOf(IllegalStateException.class);
            }
        }
        // the lock is released on close
        JsonLinesResultHistory.open(file, options().build()).close();
    }

    @Test
    void readOnlyOpeningChangesNothingNotEvenATornTail() throws IOException {
        Path file = dir.resolve("h.jsonl");
        writeRuns(file, 2);
        Files.write(file, "{\"comm".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        long size = Files.size(file);

        Files.writeString(dir.resolve("h.jsonl.compact"), "someone else's compaction");

        try (JsonLinesResultHistory reader = JsonLinesResultHistory.openReadOnly(file)) {
            assertThat(reader.size()).isEqualTo(2);
            assertThat(reader.recovery().bytesTruncated()).isEqualTo(6);
        }
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(dir.resolve("h.jsonl.compact")).exists();
        assertThatThrownBy(() -> JsonLinesResultHistory.openReadOnly(dir.resolve("missing.jsonl"))).isInstanceOf(CiException.class);
    }

    @Test
    void batchedSyncStillPersistsOnFlushAndClose() {
        Path file = dir.resolve("h.jsonl");
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().syncEvery(0).build())) {
            history.append(Runs.run(Runs.RPI4, 1, "a=PASS"));
            history.flush();
            history.append(Runs.run(Runs.RPI4, 2, "a=PASS"));
        }
        try (JsonLinesResultHistory reopened = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(reopened.size()).isEqualTo(2);
        }
    }

    @Test
    void closedStoresRefuseWork() {
        JsonLinesResultHistory history = JsonLinesResultHistory.open(dir.resolve("h.jsonl"), options().build());
        history.close();
        history.close();

        assertThatThrownBy(() -> history.append(Runs.run(Runs.RPI4, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> JsonLinesResultHistory.Options.builder().retainPerContext(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- a torn write at any byte ---

    private Path propertyDir;

    @BeforeTry
    void makePropertyDir() throws IOException {
        propertyDir = Files.createTempDirectory("cikit-history");
    }

    @AfterTry
    void removePropertyDir() throws IOException {
        try (var paths = Files.walk(propertyDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Property(tries = 60)
    void cuttingTheFileAtAnyByteLosesAtMostTheLastRecord(@ForAll @IntRange(min = 1, max = 8) int runs,
            @ForAll @IntRange(min = 0, max = 10_000) int cutPermille) throws IOException {
        Path file = propertyDir.resolve("h.jsonl");
        writeRuns(file, runs);
        byte[] full = Files.readAllBytes(file);
        int cut = (int) ((long) full.length * cutPermille / 10_000);
        Files.write(file, Arrays.copyOf(full, cut));
        int wholeLines = 0;
        for (int i = 0; i < cut; i++) {
            wholeLines += full[i] == '\n' ? 1 : 0;
        }
        // a record cut just before its newline is still whole
        boolean lastWithoutNewline = cut > 0 && full[cut - 1] == '}' && cut < full.length && full[cut] == '\n';

        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().syncEvery(0).build())) {
            int expected = wholeLines + (lastWithoutNewline ? 1 : 0);
            assertThat(history.recentRuns(Runs.RPI4, 100)).hasSize(expected)
                    .extracting(RunRecord::commitSha).containsExactlyElementsOf(shas(expected));
            history.append(Runs.run(Runs.RPI4, 99, "a=PASS"));
        }
        try (JsonLinesResultHistory again = JsonLinesResultHistory.open(file, options().build())) {
            assertThat(again.recovery().bytesTruncated()).isZero();
            assertThat(again.recentRuns(Runs.RPI4, 100)).last().extracting(RunRecord::commitSha).isEqualTo("c99");
        }
    }

    private static List<String> shas(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "c" + i).toList();
    }

    private static void writeRuns(Path file, int n) {
        // fixtures need the bytes, not the durability: one sync at close instead of one per append
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options().syncEvery(0).build())) {
            for (int i = 1; i <= n; i++) {
                history.append(Runs.run(Runs.RPI4, i, "a=PASS", "b=" + (i % 2 == 0 ? "FAIL" : "PASS")));
            }
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    private static JsonLinesResultHistory.Options.Builder options() {
        return JsonLinesResultHistory.Options.builder().meterRegistry(new SimpleMeterRegistry());
    }

    private JsonLinesResultHistory track(JsonLinesResultHistory history) {
        opened.add(history);
        return history;
    }
}
