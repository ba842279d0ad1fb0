package io.cikit.build.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REFERENCE §4, the GitHub Actions column, row by row, for runs and jobs alike. */
class ActionsStatusMappingTest {
    private final ActionsPayloadParser parser = new ActionsPayloadParser();

    @ParameterizedTest(name = "status {0}, conclusion {1} -> {2} (raw {3}, complete {4})")
    @CsvSource(nullValues = "-", value = {
        "requested,   -,               PENDING,     requested,       false",
        "queued,      -,               PENDING,     queued,          false",
        "waiting,     -,               PENDING,     waiting,         false",
        "pending,     -,               PENDING,     pending,         false",
        "in_progress, -,               IN_PROGRESS, in_progress,     false",
        "completed,   success,         SUCCESS,     success,         true",
        "completed,   neutral,         SUCCESS,     neutral,         true",
        "completed,   failure,         FAILURE,     failure,         true",
        "completed,   timed_out,       FAILURE,     timed_out,       true",
        "completed,   startup_failure, FAILURE,     startup_failure, true",
        "completed,   cancelled,       CANCELLED,   cancelled,       true",
        "completed,   stale,           CANCELLED,   stale,           true",
        "completed,   skipped,         SKIPPED,     skipped,         true",
        "completed,   action_required, UNKNOWN,     action_required, true",
        "completed,   exploded,        UNKNOWN,     exploded,        true",
        "completed,   -,               UNKNOWN,     completed,       true",
        "teleporting, -,               UNKNOWN,     teleporting,     false",
        "-,           -,               UNKNOWN,     '',              false",
    })
    void mapsEveryRowOfTheTable(String status, String conclusion, BuildStatus expected, String raw, boolean complete) {
        for (String fixture : new String[] {Fixtures.RUN, Fixtures.JOB}) {
            ObjectNode json = Fixtures.tree(fixture);
            ObjectNode item = (ObjectNode) json.get(fixture.equals(Fixtures.RUN) ? "workflow_run" : "workflow_job");
            if (status == null) {
                item.remove("status");
            } else {
                item.put("status", status);
            }
            if (conclusion == null) {
                item.putNull("conclusion");
            } else {
                item.put("conclusion", conclusion);
            }

            BuildInfo b = parser.parseBody(Json.write(json)).build();

            assertThat(b.status()).as(fixture).isEqualTo(expected);
            assertThat(b.rawStatus()).as(fixture).isEqualTo(raw == null ? "" : raw);
            assertThat(b.complete()).as(fixture).isEqualTo(complete);
        }
    }
}
