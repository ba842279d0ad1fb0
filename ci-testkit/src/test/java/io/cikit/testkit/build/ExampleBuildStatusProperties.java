package io.cikit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildInfo;
import java.util.List;

/** {@link BuildStatusContract} against the test kit's example parser with a phase: how a provider module uses it. */
class ExampleBuildStatusProperties extends BuildStatusContract {
    private static final ExampleBuildPayloadParser PARSER = new ExampleBuildPayloadParser();

    ExampleBuildStatusProperties() {
        super(ExampleBuildPayloadParser.SYSTEM, List.of(ExampleBuildPayloadParser.PHASED), PARSER::parse,
                ExampleBuildPayloadParser.TABLE);
    }

    /** The raw status is the status word when there is one, else the phase. */
    @Override
    protected void checkStatus(String phase, String status, BuildInfo build) {
        assertThat(build.rawStatus()).isEqualTo(status.isBlank() ? phase : status);
    }
}
