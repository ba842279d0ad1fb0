package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFormatDetectionTest {

    @Test
    void eachFixtureIsDetectedByItsContent() {
        assertThat(format("ktap/spec-nested.ktap")).isEqualTo(ResultFormat.KTAP);
        assertThat(format("ktap/kunit-boot.log")).isEqualTo(ResultFormat.KTAP);
        assertThat(format("ktap/kselftest.log")).isEqualTo(ResultFormat.TAP);
        assertThat(format("tap/tap13-yaml.tap")).isEqualTo(ResultFormat.TAP);
        assertThat(format("tap/tap14-subtests.tap")).isEqualTo(ResultFormat.TAP);
        assertThat(format("junit/multi-suite.xml")).isEqualTo(ResultFormat.JUNIT);
        assertThat(format("junit/kunit-nested.xml")).isEqualTo(ResultFormat.JUNIT);
    }

    @Test
    void kunitOutputFarIntoABootLogIsStillFound(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("console.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append(String.format("[%5d.%06d] probe: device %d registered on bus platform%n", i / 100, i, i));
        }
        sb.append(Fixtures.text("ktap/unindented.ktap"));
        Files.writeString(log, sb);

        TestResults r = ResultParser.auto().parse(log);

        assertThat(r.format()).isEqualTo(ResultFormat.KTAP);
        assertThat(r.results()).hasSize(3);
    }

    @Test
    void textWithoutResultsIsRefusedByAutoDetection() {
        assertThatThrownBy(() -> ResultParser.auto().parse("hello\nworld\n"))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("no KTAP, TAP or JUnit XML");
        assertThatThrownBy(() -> ResultParser.auto().parse(""))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("empty input");
        assertThatThrownBy(() -> ResultParser.auto().parse("<html/>")).isInstanceOf(ResultFormatException.class);
    }

    @Test
    void aMissingFileIsAResultFormatException(@TempDir Path dir) {
        assertThatThrownBy(() -> ResultParser.auto().parse(dir.resolve("nope.xml")))
                .isInstanceOf(ResultFormatException.class).hasMessageContaining("nope.xml");
    }

    @Test
    void formatNamesRoundTrip() {
        for (ResultFormat f : ResultFormat.values()) {
            assertThat(ResultFormat.fromId(f.id())).contains(f);
        }
        assertThat(ResultFormat.fromId(" JUnit ")).contains(ResultFormat.JUNIT);
        assertThat(ResultFormat.fromId("xunit")).isEmpty();
    }

    private static ResultFormat format(String fixture) {
        return ResultParser.detect(Fixtures.text(fixture).getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
