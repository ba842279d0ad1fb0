package io.cikit.build.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.build.BuildType;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.spi.Providers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both Actions fixtures, and variations of them, parse into the right build. */
class ActionsPayloadParserTest {
    private final ActionsPayloadParser parser = new ActionsPayloadParser();

    @Test
    void theWorkflowRunFixtureIsAQueuedRunOfItsHeadCommit() {
        BuildEvent event = parser.parseBody(Fixtures.bytes(Fixtures.RUN));
        BuildInfo b = event.build();

        assertThat(b.system()).isEqualTo("actions");
        assertThat(b.buildId()).as("named by the delivery's repository (GitHub's sample mixes two)")
                .isEqualTo("Codertocat/Hello-World/actions/runs/1589141559/attempts/1");
        assertThat(b.job()).isEqualTo("Manually triggered workflow");
        assertThat(b.number()).hasValue(36);
        assertThat(b.status()).as("the run's status says queued, whatever the delivery's action").isEqualTo(BuildStatus.PENDING);
        assertThat(b.rawStatus()).isEqualTo("queued");
        assertThat(b.phase()).contains("queued");
        assertThat(b.complete()).isFalse();
        assertThat(b.commitSha()).contains("5779607b49aab1200488439f02372c57b4f75444");
        assertThat(b.branch()).contains("main");
        assertThat(b.url()).contains("https://github.com/octo-org/octo-repo/actions/runs/1589141559");
        assertThat(b.startedAt()).contains(Instant.parse("2021-12-16T19:37:22Z"));
        assertThat(b.finishedAt()).isEmpty();
        assertThat(b.type()).isEqualTo(BuildType.OTHER);
        assertThat(b.artifacts()).isEmpty();
        assertThat(b.metadata()).containsEntry("run_id", "1589141559").containsEntry("run_attempt", "1")
                .containsEntry("event", "workflow_dispatch").containsEntry("workflow_id", "16340987")
                .containsEntry("action", "completed")
                .containsEntry("artifacts_url", "https://api.github.com/repos/octo-org/octo-repo/actions/runs/1589141559/artifacts")
                .containsEntry("workflow_path", ".github/workflows/syntax.yml")
                .containsEntry("head_repository", "octo-org/octo-repo");
        assertThat(event.repository()).hasValueSatisfying(r -> {
            assertThat(r.fullName()).isEqualTo("Codertocat/Hello-World");
            assertThat(r.cloneUrl()).contains("https://github.com/Codertocat/Hello-World.git");
        });
        assertThat(event.provider()).isEqualTo(Provider.GITHUB);
    }

    @Test
    void aCompletedRunHasItsConclusionFinishTimeAndDuration() {
        ObjectNode json = Fixtures.tree(Fixtures.RUN);
        ObjectNode run = (ObjectNode) json.get("workflow_run");
        run.put("status", "completed");
        run.put("conclusion", "startup_failure");
        run.put("run_attempt", 2);
        run.put("updated_at", "2021-12-16T19:40:22Z");

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        assertThat(b.status()).isEqualTo(BuildStatus.FAILURE);
        assertThat(b.rawStatus()).isEqualTo("startup_failure");
        assertThat(b.phase()).contains("completed");
        assertThat(b.complete()).isTrue();
        assertThat(b.buildId()).as("each attempt is its own build").endsWith("/runs/1589141559/attempts/2");
        assertThat(b.finishedAt()).contains(Instant.parse("2021-12-16T19:40:22Z"));
        assertThat(b.duration()).contains(Duration.ofMinutes(3));
    }

    @Test
    void theWorkflowJobFixtureIsAFailedJobNamingItsFailedStep() {
        BuildEvent event = parser.parseBody(Fixtures.bytes(Fixtures.JOB));
        BuildInfo b = event.build();

        assertThat(b.buildId()).isEqualTo("Codertocat/Hello-World/actions/jobs/289782451");
        assertThat(b.job()).isEqualTo("CodeQL / linters");
        assertThat(b.number()).isEmpty();
        assertThat(b.status()).isEqualTo(BuildStatus.FAILURE);
        assertThat(b.rawStatus()).isEqualTo("failure");
        assertThat(b.complete()).isTrue();
        assertThat(b.commitSha()).contains("3484a3fb816e0859fd6e1cea078d76385ff50625");
        assertThat(b.branch()).contains("main");
        assertThat(b.url()).contains("https://github.com/octo-org/octo-repo/runs/1291536064");
        assertThat(b.startedAt()).contains(Instant.parse("2021-08-05T10:34:58Z"));
        assertThat(b.finishedAt()).contains(Instant.parse("2021-08-05T10:38:16Z"));
        assertThat(b.duration()).contains(Duration.ofSeconds(198));
        assertThat(b.metadata()).containsEntry("run_id", "2202229078").containsEntry("run_attempt", "1")
                .containsEntry("runner_name", "GitHub Actions 5").containsEntry("labels", "ubuntu-latest")
                .containsEntry("failed_step", "Run yarn run format-check").containsEntry("workflow_name", "CodeQL");
        assertThat(event.repository()).hasValueSatisfying(r -> assertThat(r.fullName()).isEqualTo("Codertocat/Hello-World"));
    }

    @Test
    void aRunningJobHasNoFinishTime() {
        ObjectNode json = Fixtures.tree(Fixtures.JOB);
        ObjectNode job = (ObjectNode) json.get("workflow_job");
        job.put("status", "in_progress");
        job.putNull("conclusion");

        BuildInfo b = parser.parseBody(Json.write(json)).build();

        assertThat(b.status()).isEqualTo(BuildStatus.IN_PROGRESS);
        assertThat(b.complete()).isFalse();
        assertThat(b.finishedAt()).isEmpty();
        assertThat(b.duration()).isEmpty();
    }

    @Test
    void payloadsWithoutTheirObjectOrIdAreMalformed() {
        ObjectNode noId = Fixtures.tree(Fixtures.RUN);
        ((ObjectNode) noId.get("workflow_run")).remove("id");

        assertThatThrownBy(() -> parser.parseBody(Json.write(noId))).isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("id");
        assertThatThrownBy(() -> parser.parseBody("{\"action\":\"completed\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedJsonException.class);
        EventContext runWithoutRun = new EventContext(Provider.GITHUB, Optional.empty(), Instant.now(),
                new RawPayload("workflow_run", Json.read("{\"workflow_job\":{}}".getBytes(StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> parser.parse(runWithoutRun)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void onlyWorkflowEventsAreSupportedAndTheParserIsDiscoverable() {
        EventContext push = new EventContext(Provider.GITHUB, Optional.empty(), Instant.now(),
                new RawPayload("push", Json.read(Fixtures.bytes(Fixtures.RUN))));

        assertThat(parser.supports("workflow_run")).isTrue();
        assertThat(parser.supports("workflow_job")).isTrue();
        assertThat(parser.supports("check_run")).isFalse();
        assertThat(parser.parse(push)).isEmpty();
        assertThat(Providers.discover(BuildPayloadParser.class, BuildPayloadParser::system).find("actions"))
                .hasValueSatisfying(p -> assertThat(p).isInstanceOf(ActionsPayloadParser.class));
    }
}
