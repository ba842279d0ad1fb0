package io.cikit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/** The status contract and its table catch parsers that misread a word: each broken parser fails on one pair. */
class BuildStatusContractSelfTest {
    private static final BuildStatusTable TABLE = ExampleStatusPayloadParser.TABLE;

    private static BuildStatusContract contract(Function<byte[], BuildInfo> parse) {
        return new BuildStatusContract(ExampleStatusPayloadParser.SYSTEM, List.of(ExampleStatusPayloadParser.SAMPLE),
                parse, TABLE) {
        };
    }

    @Test
    void theTableLetANonBlankOutcomeDecideElseTheProgressWord() {
        assertThat(TABLE.expected("running", " OK ")).isEqualTo(BuildStatus.SUCCESS);
        assertThat(TABLE.expected("running", "maybe")).isEqualTo(BuildStatus.UNKNOWN);
        assertThat(TABLE.expected(" Running", "  ")).isEqualTo(BuildStatus.IN_PROGRESS);
        assertThat(TABLE.expected("done", "")).isEqualTo(BuildStatus.UNKNOWN);
        assertThat(TABLE.mapsOutcome("FAILED ")).isTrue();
        assertThat(TABLE.mapsOutcome("running")).isFalse();
    }

    @Test
    void aPayloadCarriesBothWordsInTheSampleObject() {
        byte[] payload = TABLE.payload("queued", "");

        assertThat(Json.text(Json.read(payload), "build", "phase")).contains("queued");
        assertThat(Json.text(Json.read(payload), "build", "result")).contains("");
        assertThat(Json.text(Json.read(payload), "build", "id")).contains("b-1");
        assertThat(Json.text(Json.read(ExampleStatusPayloadParser.SAMPLE), "build", "phase")).contains("done");
    }

    @Test
    void theWordsHoldEveryTableWordInSeveralCasesAndBlanks() {
        Arbitrary<String> words = TABLE.words();

        assertThat(words.exhaustive()).isEmpty();
        assertThat(words.sampleStream().limit(5_000).toList()).contains("ok", "OK", "Failed", " running ", "done", "",
                " ", "null");
    }

    @Test
    void aParserThatFollowsTheTablePasses() {
        BuildStatusContract good = contract(new ExampleStatusPayloadParser()::parse);

        for (String[] pair : new String[][] {{"queued", ""}, {"running", " "}, {"done", "OK"}, {"x", "failed "}, {"", ""}}) {
            assertThatCode(() -> good.statusMappingIsTotalAndFollowsTheTable(pair[0], pair[1])).doesNotThrowAnyException();
        }
    }

    @Test
    void aParserThatIgnoresTheProgressWordFails() {
        BuildStatusContract outcomeOnly = contract(body -> {
            BuildInfo parsed = new ExampleStatusPayloadParser().parse(body);
            boolean noOutcome = Json.text(Json.read(body), "build", "result").orElse("").isBlank();
            return noOutcome ? BuildInfo.builder(parsed.buildId(), parsed.system()).status(BuildStatus.UNKNOWN, "").build()
                    : parsed;
        });

        assertThatCode(() -> outcomeOnly.statusMappingIsTotalAndFollowsTheTable("running", "ok")).doesNotThrowAnyException();
        assertThatThrownBy(() -> outcomeOnly.statusMappingIsTotalAndFollowsTheTable("running", ""))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aParserThatMisreadsAnOutcomeFails() {
        BuildStatusContract optimist = contract(body -> BuildInfo.builder("b-1", ExampleStatusPayloadParser.SYSTEM)
                .status(BuildStatus.SUCCESS, "failed").build());

        assertThatThrownBy(() -> optimist.statusMappingIsTotalAndFollowsTheTable("done", "failed"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void anUnknownBuildCarryingAMappedOutcomeFailsOnMutatedSamples() {
        BuildStatusContract lost = contract(body -> BuildInfo.builder("b-1", ExampleStatusPayloadParser.SYSTEM)
                .status(BuildStatus.UNKNOWN, " Ok").build());

        assertThatThrownBy(() -> lost.structurallyMutatedSamplesParseOrAreMalformed(ExampleStatusPayloadParser.SAMPLE))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aTableWithoutOutcomesOrWithoutTheObjectIsRefused() {
        byte[] sample = "{\"build\":{\"id\":\"b\"}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BuildStatusTable.builder(sample, "build", "phase", "result").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BuildStatusTable.builder(sample, "run", "phase", "result")
                .outcomes(Map.of("ok", BuildStatus.SUCCESS)).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
