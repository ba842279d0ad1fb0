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
 * A small build-payload reader for a made-up {@code example} CI system, {@code {"build":{"id":…,"status":…}}}, to
 * run {@link BuildPayloadParserContract} against in the test kit's own tests. A payload may also say a
 * {@code phase}, which decides when the status is blank: a two-word status for {@link BuildStatusContract}.
 */
final class ExampleBuildPayloadParser {
    static final String SYSTEM = "example";
    /** A payload stating its status in two words, and what they stand for. */
    static final byte[] PHASED = "{\"build\":{\"id\":\"b-1\",\"phase\":\"done\",\"status\":\"ok\"}}"
            .getBytes(StandardCharsets.UTF_8);
    static final BuildStatusTable TABLE = BuildStatusTable.builder(PHASED, "build", "phase", "status")
            .progress(Map.of("queued", BuildStatus.PENDING))
            .outcomes(Map.of("ok", BuildStatus.SUCCESS, "failed", BuildStatus.FAILURE, "running", BuildStatus.IN_PROGRESS))
            .otherWords("done")
            .build();

    BuildInfo parse(byte[] body) {
        JsonNode json = Json.read(body);
        if (!json.isObject()) {
            throw new MalformedJsonException("not a JSON object");
        }
        String id = Json.nonBlank(json, "build", "id").orElseThrow(() -> new MalformedJsonException("build without an id"));
        String raw = Json.text(json, "build", "status").orElse("");
        String phase = Json.text(json, "build", "phase").orElse("");
        BuildStatus status = switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "ok" -> BuildStatus.SUCCESS;
            case "failed" -> BuildStatus.FAILURE;
            case "running" -> BuildStatus.IN_PROGRESS;
            case "" -> phase.strip().toLowerCase(Locale.ROOT).equals("queued") ? BuildStatus.PENDING : BuildStatus.UNKNOWN;
            default -> BuildStatus.UNKNOWN;
        };
        return BuildInfo.builder(id, SYSTEM).status(status, raw.isBlank() ? phase : raw).build();
    }
}
