package io.cikit.testkit.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import java.util.Locale;

/**
 * A small build-payload reader for a made-up {@code example} CI system, {@code {"build":{"id":…,"status":…}}}, to
 * run {@link BuildPayloadParserContract} against in the test kit's own tests.
 */
final class ExampleBuildPayloadParser {
    static final String SYSTEM = "example";

    BuildInfo parse(byte[] body) {
        JsonNode json = Json.read(body);
        if (!json.isObject()) {
            throw new MalformedJsonException("not a JSON object");
        }
        String id = Json.nonBlank(json, "build", "id").orElseThrow(() -> new MalformedJsonException("build without an id"));
        String raw = Json.text(json, "build", "status").orElse("");
        BuildStatus status = switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "ok" -> BuildStatus.SUCCESS;
            case "failed" -> BuildStatus.FAILURE;
            case "running" -> BuildStatus.IN_PROGRESS;
            default -> BuildStatus.UNKNOWN;
        };
        return BuildInfo.builder(id, SYSTEM).status(status, raw).build();
    }
}
