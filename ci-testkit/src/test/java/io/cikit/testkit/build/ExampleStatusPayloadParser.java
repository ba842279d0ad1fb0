package io.cikit.testkit.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A build-payload reader for a made-up {@code example} CI system that states a build's status in two words,
 * {@code {"build":{"id":…,"phase":…,"result":…}}}, to run {@link BuildStatusContract} against in the test kit's own
 * tests. A non-blank result decides the status, else the phase does.
 */
final class ExampleStatusPayloadParser {
    static final String SYSTEM = "example";
    static final byte[] SAMPLE = "{\"build\":{\"id\":\"b-1\",\"phase\":\"done\",\"result\":\"ok\"}}"
            .getBytes(StandardCharsets.UTF_8);
    static final BuildStatusTable TABLE = BuildStatusTable.builder(SAMPLE, "build", "phase", "result")
            .progress(Map.of("queued", BuildStatus.PENDING, "running", BuildStatus.IN_PROGRESS))
            .outcomes(Map.of("ok", BuildStatus.SUCCESS, "failed", BuildStatus.FAILURE))
            .otherWords("done")
            .build();

    BuildInfo parse(byte[] body) {
        JsonNode json = Json.read(body);
        if (!json.isObject()) {
            throw new MalformedJsonException("not a JSON object");
        }
        String id = Json.nonBlank(json, "build", "id").orElseThrow(() -> new MalformedJsonException("build without an id"));
        String phase = Json.text(json, "build", "phase").orElse("");
        String result = Json.text(json, "build", "result").orElse("");
        String outcome = result.strip().toLowerCase(Locale.ROOT);
        BuildStatus status = !outcome.isEmpty()
                ? switch (outcome) {
                    case "ok" -> BuildStatus.SUCCESS;
                    case "failed" -> BuildStatus.FAILURE;
                    default -> BuildStatus.UNKNOWN;
                }
                : switch (phase.strip().toLowerCase(Locale.ROOT)) {
                    case "queued" -> BuildStatus.PENDING;
                    case "running" -> BuildStatus.IN_PROGRESS;
                    default -> BuildStatus.UNKNOWN;
                };
        return BuildInfo.builder(id, SYSTEM).status(status, outcome.isEmpty() ? phase : result).build();
    }
}
