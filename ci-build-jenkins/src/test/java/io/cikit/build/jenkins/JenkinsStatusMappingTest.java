package io.cikit.build.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REFERENCE §4, the Jenkins column, row by row, through whole Notification-plugin payloads. */
class JenkinsStatusMappingTest {
    private final JenkinsPayloadParser parser = new JenkinsPayloadParser();

    @ParameterizedTest(name = "phase {0}, status {1} -> {2} (raw {3})")
    @CsvSource(nullValues = "-", value = {
        "QUEUED,    -,          PENDING,     QUEUED",
        "STARTED,   -,          IN_PROGRESS, STARTED",
        "COMPLETED, -,          IN_PROGRESS, COMPLETED",
        "COMPLETED, SUCCESS,    SUCCESS,     SUCCESS",
        "FINALIZED, SUCCESS,    SUCCESS,     SUCCESS",
        "FINALIZED, UNSTABLE,   UNSTABLE,    UNSTABLE",
        "FINALIZED, FAILURE,    FAILURE,     FAILURE",
        "FINALIZED, ABORTED,    CANCELLED,   ABORTED",
        "FINALIZED, NOT_BUILT,  SKIPPED,     NOT_BUILT",
        "FINALIZED, success,    SUCCESS,     success",
        "FINALIZED, CRASHED,    UNKNOWN,     CRASHED",
        "FINALIZED, '',         UNKNOWN,     FINALIZED",
        "FINALIZED, -,          UNKNOWN,     FINALIZED",
        "DELETED,   -,          UNKNOWN,     DELETED",
        "-,         SUCCESS,    SUCCESS,     SUCCESS",
        "-,         IN_PROGRESS, UNKNOWN,    IN_PROGRESS",
    })
    void mapsEveryRowOfTheTable(String phase, String status, BuildStatus expected, String raw) {
        ObjectNode json = Fixtures.tree(Fixtures.FINALIZED);
        ObjectNode build = (ObjectNode) json.get("build");
        if (phase == null) {
            build.remove("phase");
        } else {
            build.put("phase", phase);
        }
        if (status == null) {
            build.remove("status");
        } else {
            build.put("status", status);
        }

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        assertThat(b.status()).isEqualTo(expected);
        assertThat(b.rawStatus()).isEqualTo(raw);
        assertThat(b.complete()).isEqualTo("FINALIZED".equals(phase) || (phase == null && expected.isFinal()));
    }
}
