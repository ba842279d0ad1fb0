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
    private static final BuildStatusTable TABLE = ExampleBuildPayloadParser.TABLE;

    private static BuildStatusContract contract(Function<byte[], BuildInfo> parse) {
        return new BuildStatusContract(ExampleBuildPayloadParser.SYSTEM, List.of(ExampleBuildPayloadParser.PHASED),
                parse, TABLE) {
        };
    }

    /** The contract over a parser that reports this status and raw word whatever it is given. */
    private static BuildStatusContract alwaysReporting(BuildStatus status, String raw) {
        return contract(body -> BuildInfo.builder("b-1", ExampleBuildPayloadParser.SYSTEM).status(status, raw).build());
    }

    @Test
    void theTableLetANonBlankOutcomeDecideElseTheProgressWord() {
        assertThat(TABLE.expected("queued", " OK ")).isEqualTo(BuildStatus.SUCCESS);
        assertThat(TABLE.expected("queued", "maybe")).isEqualTo(BuildStatus.UNKNOWN);
        assertThat(TABLE.expected(" Queued", "  ")).isEqualTo(BuildStatus.PENDING);
        assertThat(TABLE.expected("done", "")).isEqualTo(BuildStatus.UNKNOWN);
        assertThat(TABLE.mapsOutcome("FAILED ")).isTrue();
        assertThat(TABLE.mapsOutcome("queued")).isFalse();
    }

    @Test
    void aPayloadCarriesBothWordsInTheSampleObject() {
        byte[] payload = TABLE.payload("queued", "");

        assertThat(Json.text(Json.read(payload), "build", "phase")).contains("queued");
        assertThat(Json.text(Json.read(payload), "build", "status")).contains("");
        assertThat(Json.text(Json.read(payload), "build", "id")).contains("b-1");
        assertThat(Json.text(Json.read(ExampleBuildPayloadParser.PHASED), "build", "phase")).contains("done");
    }

    @Test
    void theWordsHoldEveryTableWordInSeveralCasesAndBlanks() {
        Arbitrary<String> words = TABLE.words();

        assertThat(words.exhaustive()).isEmpty();
        assertThat(words.sampleStream().limit(5_000).toList())
                .contains("ok", "OK", "Failed", " running ", "QUEUED", "done", "", " ", "null");
    }

    @Test
    void aParserThatFollowsTheTablePasses() {
        BuildStatusContract good = contract(new ExampleBuildPayloadParser()::parse);

        String[][] pairs = {{"queued", ""}, {"Queued ", " "}, {"done", "OK"}, {"x", "failed "}, {"", ""},
            {"queued", "running"}};
        for (String[] pair : pairs) {
            assertThatCode(() -> good.statusMappingIsTotalAndFollowsTheTable(pair[0], pair[1])).doesNotThrowAnyException();
        }
    }

    @Test
    void aParserThatIgnoresTheProgressWordFails() {
        BuildStatusContract outcomeOnly = contract(body -> {
            BuildInfo parsed = new ExampleBuildPayloadParser().parse(body);
            boolean noOutcome = Json.text(Json.read(body), "build", "status").orElse("").isBlank();
            return noOutcome ? BuildInfo.builder(parsed.buildId(), parsed.system()).status(BuildStatus.UNKNOWN, "").build()
                    : parsed;
        });

        assertThatCode(() -> outcomeOnly.statusMappingIsTotalAndFollowsTheTable("queued", "ok")).doesNotThrowAnyException();
        assertThatThrownBy(() -> outcomeOnly.statusMappingIsTotalAndFollowsTheTable("queued", ""))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aParserThatMisreadsAnOutcomeFails() {
        BuildStatusContract optimist = alwaysReporting(BuildStatus.SUCCESS, "failed");

        assertThatThrownBy(() -> optimist.statusMappingIsTotalAndFollowsTheTable("done", "failed"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void anUnknownBuildCarryingAMappedOutcomeFailsOnMutatedSamples() {
        BuildStatusContract lost = alwaysReporting(BuildStatus.UNKNOWN, " Ok");

        assertThatThrownBy(() -> lost.structurallyMutatedSamplesParseOrAreMalformed(ExampleBuildPayloadParser.PHASED))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aTableWithoutOutcomesOrWithoutTheObjectIsRefused() {
        byte[] sample = "{\"build\":{\"id\":\"b\"}}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BuildStatusTable.builder(sample, "build", "phase", "status").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BuildStatusTable.builder(sample, "run", "phase", "status")
                .outcomes(Map.of("ok", BuildStatus.SUCCESS)).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
