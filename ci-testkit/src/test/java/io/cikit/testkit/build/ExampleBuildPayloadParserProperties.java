package io.cikit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The contract against the test kit's own example parser: how a provider module's test uses it. */
class ExampleBuildPayloadParserProperties extends BuildPayloadParserContract {
    private final ExampleBuildPayloadParser parser = new ExampleBuildPayloadParser();

    @Override
    protected String system() {
        return ExampleBuildPayloadParser.SYSTEM;
    }

    @Override
    protected List<byte[]> samples() {
        return List.of("{\"build\":{\"id\":\"b-1\",\"status\":\"ok\",\"artifacts\":[\"Image\",\"System.map\"]}}",
                "{\"build\":{\"id\":\"b-2\",\"status\":\"running\"},\"extra\":{\"n\":1}}").stream()
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    protected BuildInfo parse(byte[] body) {
        return parser.parse(body);
    }

    @Override
    protected void checkParsed(BuildInfo build) {
        if (build.status() == BuildStatus.UNKNOWN) {
            assertThat(build.rawStatus().strip().toLowerCase(java.util.Locale.ROOT)).isNotIn("ok", "failed", "running");
        }
    }
}
