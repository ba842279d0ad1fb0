package io.cikit.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.result.ConsoleLogAnalyzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ConsoleCaptureProperties {

    @Property(tries = 300)
    void theFileKeepsTheHeadAndTheTailAndTheAnalysisSeesEverything(
            @ForAll @Size(max = 40) List<@Size(max = 3000) byte[]> chunks,
            @ForAll @IntRange(min = 1024, max = 6000) int head, @ForAll @IntRange(min = 0, max = 5000) int tail)
            throws IOException {
        Path dir = Files.createTempDirectory("capture");
        try {
            Path log = dir.resolve("console.log");
            AtomicLong now = new AtomicLong();
            ConsoleCapture c = new ConsoleCapture(log, head, tail, ConsoleLogAnalyzer.create(), now::get);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] chunk : chunks) {
                now.addAndGet(150_000_000L);
                c.feed(chunk, 0, chunk.length);
                all.writeBytes(chunk);
            }
            byte[] in = all.toByteArray();
            String lastChars = c.tailText(50);

            ConsoleCapture.Result r = c.finish();

            byte[] file = Files.readAllBytes(log);
            long omitted = Math.max(0, in.length - head - tail);
            assertThat(r.bytes()).isEqualTo(in.length);
            assertThat(r.omittedBytes()).isEqualTo(omitted);
            assertThat(r.analysis().bytes()).isEqualTo(in.length);
            if (omitted == 0) {
                assertThat(file).isEqualTo(in);
            } else {
                String marker = "\n[cikit: " + omitted + " bytes omitted]\n";
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.write(in, 0, head);
                expected.writeBytes(marker.getBytes(StandardCharsets.US_ASCII));
                expected.write(in, in.length - tail, tail);
                assertThat(file).isEqualTo(expected.toByteArray());
            }
            String expectedTail = new String(in, Math.max(0, in.length - 50), Math.min(50, in.length), StandardCharsets.UTF_8);
            assertThat(lastChars).isEqualTo(expectedTail);
            List<String> times = Files.readAllLines(r.times());
            assertThat(times.get(0)).startsWith("# line");
            long nonEmpty = chunks.stream().filter(x -> x.length > 0).count();
            assertThat(times).hasSize(1 + (int) nonEmpty);
            assertThat(c.finish()).isSameAs(r);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
