package io.cikit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildInfo;
import java.util.List;

/** {@link BuildStatusContract} against the test kit's own two-word example parser: how a provider module uses it. */
class ExampleStatusPayloadParserProperties extends BuildStatusContract {
    private static final ExampleStatusPayloadParser PARSER = new ExampleStatusPayloadParser();

    ExampleStatusPayloadParserProperties() {
        super(ExampleStatusPayloadParser.SYSTEM, List.of(ExampleStatusPayloadParser.SAMPLE), PARSER::parse,
                ExampleStatusPayloadParser.TABLE);
    }

    /** The raw status is the result when there is one, else the phase. */
    @Override
    protected void checkStatus(String phase, String result, BuildInfo build) {
        assertThat(build.rawStatus()).isEqualTo(result.isBlank() ? phase : result);
    }
}
