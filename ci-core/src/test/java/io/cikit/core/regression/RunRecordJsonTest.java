package io.cikit.core.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RunRecordJsonTest {

    @Test
    void theDocumentedExampleReadsAsARun() {
        RunRecord run = parse("""
                {"v":1,"repository":"acme/linux","branch":"main","boardType":"rpi4","arch":"arm64",
                 "kernelConfig":"defconfig","compiler":"gcc-13","commit":"9f2c1e","commitTime":"2026-01-05T10:00:00Z",
                 "buildId":"jenkins#812","tests":{"ltp.sem01":"PASS","ltp.sem02":"FAIL"},
                 "metrics":[{"test":"boot","name":"time","value":12.4,"unit":"s","direction":"lower"}]}
                """);

        assertThat(run.context()).isEqualTo(Runs.RPI4);
        assertThat(run.commitSha()).isEqualTo("9f2c1e");
        assertThat(run.commitTime()).contains(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(run.buildId()).isEqualTo("jenkins#812");
        assertThat(run.outcome("ltp.sem02")).contains(Outcome.FAIL);
        assertThat(run.metric("boot", "time")).contains(new MetricPoint("boot", "time", 12.4, "s", Direction.LOWER_IS_BETTER));
    }

    @Test
    void onlyTheCommitIsRequiredAndUnknownFieldsAndWordsAreTolerated() {
        RunRecord run = parse("""
                {"commit":"abc","future":{"x":1},"tests":{"a":"passed","b":"xpass-ish","c":"infra"},
                 "metrics":[{"name":"size","value":0,"direction":"sideways"}]}
                """);

        assertThat(run.context()).isEqualTo(RunContext.builder().build());
        assertThat(run.commitTime()).isEmpty();
        assertThat(run.tests()).extracting(TestOutcome::outcome).containsExactly(Outcome.PASS, Outcome.UNKNOWN, Outcome.INFRA_ERROR);
        assertThat(run.metric("", "size").orElseThrow().direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(run.metric("", "size").orElseThrow().value()).isZero();
    }

    @Test
    void commitTimeMayBeEpochMillisOrCarryAnOffset() {
        assertThat(parse("{\"commit\":\"a\",\"commitTime\":1767225600000}").commitTime())
                .contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(parse("{\"commit\":\"a\",\"commitTime\":\"2026-01-01T02:00:00+02:00\"}").commitTime())
                .contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void malformedRunsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> parse("{\"tests\":{}}")).isInstanceOf(MalformedRecordException.class).hasMessageContaining("commit");
        assertThatThrownBy(() -> parse("{\"commit\":\"a\",\"metrics\":[{\"name\":\"x\"}]}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> parse("{\"commit\":\"a\",\"metrics\":[{\"value\":1}]}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> parse("{\"commit\":\"a\",\"metrics\":[{\"name\":\"x\",\"value\":1e999}]}"))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> parse("{\"commit\":\"a\",\"tests\":[\"a\"]}")).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("field \"tests\" has the wrong type");
        assertThatThrownBy(() -> parse("{\"commit\":\"a\",\"metrics\":[{\"name\":\"x\",\"value\":\"fast\"}]}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("field \"metrics[0].value\"");
        assertThatThrownBy(() -> parse("{\"commit\":\"a\",\"commitTime\":\"yesterday\"}"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("commitTime");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> parse("{\"commit\":")).isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> RunRecordJson.parseAll("\"x\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class);
        assertThatThrownBy(() -> RunRecordJson.parseAll("[{\"commit\":\"a\"},{}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("element 1");
    }

    @Test
    void anArrayHoldsSeveralRuns() {
        List<RunRecord> runs = RunRecordJson.parseAll("""
                [{"commit":"a","boardType":"rpi4"},{"commit":"a","boardType":"bbb"}]
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(runs).extracting(r -> r.context().boardType()).containsExactly("rpi4", "bbb");
    }

    @Test
    void aTestReportedTwiceKeepsTheMoreSevereOutcome() {
        RunRecord run = RunRecord.builder(Runs.RPI4, "a").test("t", Outcome.FAIL).test("t", Outcome.PASS)
                .test("u", Outcome.SKIP).test("u", Outcome.PASS).test("v", Outcome.ERROR).test("v", Outcome.INFRA_ERROR).build();

        assertThat(run.outcome("t")).contains(Outcome.FAIL);
        assertThat(run.outcome("u")).contains(Outcome.PASS);
        assertThat(run.outcome("v")).contains(Outcome.ERROR);
    }

    @Test
    void writtenLinesAreCompactAndLeaveOutEmptyFields() {
        String line = new String(RunRecordJson.toLine(RunRecord.builder(RunContext.builder().boardType("rpi4").build(), "abc")
                .metric("", "size", 0, "", Direction.HIGHER_IS_BETTER).build()), StandardCharsets.UTF_8);

        assertThat(line).isEqualTo("{\"v\":1,\"boardType\":\"rpi4\",\"commit\":\"abc\",\"metrics\":[{\"name\":\"size\",\"value\":0.0,\"direction\":\"higher\"}]}");
    }

    @Test
    void recordsRejectDuplicatesTheBuilderWouldHaveMerged() {
        assertThatThrownBy(() -> new RunRecord(Runs.RPI4, "a", java.util.Optional.empty(), "",
                List.of(new TestOutcome("t", Outcome.PASS), new TestOutcome("t", Outcome.FAIL)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> RunRecord.builder(Runs.RPI4, " ").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 150)
    void everyRunSurvivesARoundTrip(@ForAll("runs") RunRecord run) {
        assertThat(RunRecordJson.parse(RunRecordJson.toLine(run))).isEqualTo(run);
    }

    @Property(tries = 300)
    void arbitraryBytesAreEitherARunOrMalformed(@ForAll byte[] bytes) {
        try {
            assertThat(RunRecordJson.parseAll(bytes)).isNotNull();
        } catch (MalformedRecordException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<RunRecord> runs() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<RunContext> context = Combinators.combine(text, text, text, text, text, text).as(RunContext::new);
        Arbitrary<MetricPoint> metric = Combinators.combine(text, text.filter(s -> !s.isEmpty()),
                Arbitraries.doubles().between(-1e300, 1e300), text, Arbitraries.of(Direction.class)).as(MetricPoint::new);
        return Combinators.combine(context, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40),
                Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli).optional(), text,
                Arbitraries.maps(text, Arbitraries.of(Outcome.class)).ofMaxSize(6), metric.list().ofMaxSize(5))
                .as((c, sha, time, build, tests, metrics) -> {
                    RunRecord.Builder b = RunRecord.builder(c, sha).buildId(build);
                    time.ifPresent(b::commitTime);
                    tests.forEach(b::test);
                    metrics.forEach(b::metric);
                    return b.build();
                });
    }

    private static RunRecord parse(String json) {
        return RunRecordJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
