package io.cikit.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TapParserTest {
    private final ResultParser tap = ResultParser.tap();

    @Test
    void yamlBlocksGiveMessageSeverityDurationAndData() {
        TestResults r = tap.parse(Fixtures.text("tap/tap13-yaml.tap"));

        assertThat(r.format()).isEqualTo(ResultFormat.TAP);
        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("Input file opened", TestStatus.PASS),
                tuple("First line of the input valid", TestStatus.FAIL),
                tuple("Read the rest of the file", TestStatus.PASS),
                tuple("Summarized correctly", TestStatus.SKIP),
                tuple("Checksum", TestStatus.SKIP));
        TestResult failed = Fixtures.find(r, "First line of the input valid");
        assertThat(failed.message()).contains("First line invalid");
        assertThat(failed.duration()).contains(Duration.ofNanos(12_500_000));
        assertThat(failed.attributes()).containsEntry("severity", "fail")
                .containsEntry("data", "got: 'Flirble'\nexpect: 'Fnible'");
        assertThat(Fixtures.find(r, "Summarized correctly").message().orElseThrow())
                .startsWith("Can't make summary yet").contains("Not written yet");
        assertThat(Fixtures.find(r, "Read the rest of the file").measurements())
                .containsExactly(new Measurement("Read the rest of the file", 42.0, "lines"));
    }

    @Test
    void tap14SubtestsNestByHeaderAndByIndentationAndUndoEscapes() {
        TestResults r = tap.parse(Fixtures.text("tap/tap14-subtests.tap"));

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("boot checks.kernel booted", TestStatus.PASS),
                tuple("boot checks.rootfs mounted", TestStatus.PASS),
                tuple("network.eth0 up", TestStatus.PASS),
                tuple("network.dhcp lease # attempt 3", TestStatus.FAIL),
                tuple("network.ping gateway", TestStatus.SKIP),
                tuple("unnamed group.implicit child without header", TestStatus.PASS));
        TestResult dhcp = Fixtures.find(r, "network.dhcp lease # attempt 3");
        assertThat(dhcp.message()).contains("no DHCPOFFER received");
        assertThat(dhcp.duration()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aYamlBlockWithoutItsEndMarkerEndsAtTheNextTestLine() {
        TestResults r = tap.parse("""
                TAP version 13
                1..2
                not ok 1 - first
                  ---
                  message: "cut short"
                  severity: fail
                ok 2 - second
                """);

        assertThat(r.results()).extracting(TestResult::path, TestResult::status)
                .containsExactly(tuple("first", TestStatus.FAIL), tuple("second", TestStatus.PASS));
        assertThat(Fixtures.find(r, "first").message()).contains("cut short");
    }

    @Test
    void yamlBlockScalarsAndQuotedKeysAreRead() {
        TestResults r = tap.parse("""
                TAP version 13
                not ok 1 - multi
                  ---
                  message: |
                    line one
                    line two
                  'quoted key': "say \\"hi\\""
                  folded: >
                    a
                    b
                  ...
                1..1
                """);

        TestResult t = r.results().get(0);
        assertThat(t.message()).contains("line one\nline two");
        assertThat(t.attributes()).containsEntry("quoted key", "say \"hi\"").containsEntry("folded", "a b");
    }

    @Test
    void aTrailingPlanCountsLikeALeadingOne() {
        TestResults r = tap.parse("TAP version 13\nok 1 - a\n1..3\n");

        assertThat(r.results()).extracting(TestResult::path, TestResult::status).containsExactly(
                tuple("a", TestStatus.PASS), tuple("missing_2", TestStatus.ERROR), tuple("missing_3", TestStatus.ERROR));
    }

    @Test
    void tapWithoutAVersionLineIsStillRead() {
        TestResults r = ResultParser.auto().parse("1..2\nok 1 - a\nnot ok 2 - b\n");

        assertThat(r.format()).isEqualTo(ResultFormat.TAP);
        assertThat(r.summary()).isEqualTo(new TestSummary(2, 1, 1, 0, 0));
    }
}
