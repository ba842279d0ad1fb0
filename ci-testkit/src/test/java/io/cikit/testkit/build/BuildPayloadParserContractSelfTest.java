package io.cikit.testkit.build;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The contract catches parsers that break it: each broken parser below fails it on one body. */
class BuildPayloadParserContractSelfTest {
    private static final byte[] SAMPLE = "{\"build\":{\"id\":\"b-1\",\"status\":\"ok\"}}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_ID = "{\"build\":{\"status\":\"ok\"}}".getBytes(StandardCharsets.UTF_8);

    /** The contract over a parse function, for one body at a time. */
    private static BuildPayloadParserContract contract(String system, Function<byte[], BuildInfo> parse) {
        return new BuildPayloadParserContract() {
            @Override
            protected String system() {
                return system;
            }

            @Override
            protected List<byte[]> samples() {
                return List.of(SAMPLE);
            }

            @Override
            protected BuildInfo parse(byte[] body) {
                return parse.apply(body);
            }
        };
    }

    @Test
    void aWellBehavedParserPassesOnValidAndMalformedBodies() {
        BuildPayloadParserContract good = contract("example", new ExampleBuildPayloadParser()::parse);

        assertThatCode(() -> good.structurallyMutatedSamplesParseOrAreMalformed(SAMPLE)).doesNotThrowAnyException();
        assertThatCode(() -> good.structurallyMutatedSamplesParseOrAreMalformed(NO_ID)).doesNotThrowAnyException();
    }

    @Test
    void aParserThatThrowsAnythingButMalformedJsonFails() {
        BuildPayloadParserContract npe = contract("example", body -> {
            throw new NullPointerException("status was null");
        });

        assertThatThrownBy(() -> npe.byteMutatedSamplesParseOrAreMalformed(SAMPLE))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aParserThatReportsAnotherSystemOrABlankIdFails() {
        BuildPayloadParserContract wrongSystem = contract("jenkins", new ExampleBuildPayloadParser()::parse);
        BuildPayloadParserContract blankId = contract("example", body -> BuildInfo.builder(" ", "example").build());

        assertThatThrownBy(() -> wrongSystem.byteMutatedSamplesParseOrAreMalformed(SAMPLE)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> blankId.byteMutatedSamplesParseOrAreMalformed(SAMPLE)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aMalformedJsonRefusalWithoutAMessageFails() {
        BuildPayloadParserContract silent = contract("example", body -> {
            throw new MalformedJsonException("");
        });

        assertThatThrownBy(() -> silent.byteMutatedSamplesParseOrAreMalformed(SAMPLE)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aContractWithoutSamplesFails() {
        BuildPayloadParserContract empty = new BuildPayloadParserContract() {
            @Override
            protected String system() {
                return "example";
            }

            @Override
            protected List<byte[]> samples() {
                return List.of();
            }

            @Override
            protected BuildInfo parse(byte[] body) {
                throw new MalformedJsonException("never");
            }
        };

        assertThatThrownBy(empty::byteMutatedSamples).isInstanceOf(AssertionError.class);
    }
}
