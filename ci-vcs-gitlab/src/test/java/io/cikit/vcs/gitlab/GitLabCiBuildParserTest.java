package io.cikit.vcs.gitlab;

import static io.cikit.vcs.gitlab.GitLabFixtures.edited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.spi.Providers;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GitLab CI pipeline and job hooks as builds, read directly (as {@code cikit build parse --provider gitlab} does). */
class GitLabCiBuildParserTest {
    private final GitLabCiBuildParser parser = new GitLabCiBuildParser();

    private static EventContext context(String eventName, byte[] body) {
        return new EventContext(Provider.GITLAB_CI, Optional.empty(), GitLabFixtures.RECEIVED,
                new RawPayload(eventName, Json.read(body)));
    }

    private BuildInfo pipeline(Consumer<ObjectNode> edit) {
        return parser.parse(context("Pipeline Hook", edited("pipeline.json", edit))).orElseThrow().build();
    }

    private BuildInfo job(Consumer<ObjectNode> edit) {
        return parser.parse(context("Job Hook", edited("job.json", edit))).orElseThrow().build();
    }

    private static ObjectNode attrs(ObjectNode root) {
        return (ObjectNode) root.get("object_attributes");
    }

    @Test
    void isTheGitLabCiSystemForPipelineAndJobHooks() {
        assertThat(parser.system()).isEqualTo("gitlab-ci");
        assertThat(parser.supports("Pipeline Hook")).isTrue();
        assertThat(parser.supports("Job Hook")).isTrue();
        assertThat(parser.supports("Build Hook")).isTrue();
        assertThat(parser.supports("pipeline")).isTrue();
        assertThat(parser.supports("Push Hook")).isFalse();
        assertThat(parser.supports("workflow_run")).isFalse();
    }

    @Test
    void isFoundByServiceLoader() {
        Providers<BuildPayloadParser> found = Providers.discover(BuildPayloadParser.class, BuildPayloadParser::system);

        assertThat(found.find("gitlab-ci")).containsInstanceOf(GitLabCiBuildParser.class);
    }

    @Test
    void readsByObjectKindWhateverTheEventNameSays() {
        Optional<BuildEvent> event = parser.parse(context("anything", GitLabFixtures.bytes("job.json")));

        assertThat(event).map(e -> e.build().buildId()).contains("job:1977");
    }

    @Test
    void anotherObjectKindCarriesNoBuild() {
        assertThat(parser.parse(context("Pipeline Hook", GitLabFixtures.bytes("push.json")))).isEmpty();
    }

    @Test
    void aPipelineWithoutIdOrAJobWithoutBuildIdIsMalformed() {
        byte[] pipeline = edited("pipeline.json", p -> attrs(p).remove("id"));
        byte[] job = edited("job.json", j -> j.remove("build_id"));

        assertThatThrownBy(() -> parser.parse(context("Pipeline Hook", pipeline))).isInstanceOf(MalformedJsonException.class);
        assertThatThrownBy(() -> parser.parse(context("Job Hook", job))).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void aSuccessfulPipelineWithAFailedAllowedToFailJobIsUnstable() {
        BuildInfo build = pipeline(p -> {
            ObjectNode failing = (ObjectNode) p.get("builds").get(2);
            failing.put("allow_failure", true);
        });

        assertThat(build.status()).isEqualTo(BuildStatus.UNSTABLE);
        assertThat(build.rawStatus()).isEqualTo("success");
        assertThat(build.complete()).isTrue();
    }

    @Test
    void aRunningPipelineIsInProgressAndNotComplete() {
        BuildInfo build = pipeline(p -> {
            attrs(p).put("status", "running");
            attrs(p).putNull("finished_at");
            attrs(p).putNull("duration");
        });

        assertThat(build.status()).isEqualTo(BuildStatus.IN_PROGRESS);
        assertThat(build.complete()).isFalse();
        assertThat(build.finishedAt()).isEmpty();
        assertThat(build.duration()).isEmpty();
    }

    @Test
    void jobArtifactsBecomeDownloadableBuildArtifacts() {
        BuildInfo build = pipeline(p -> ((ObjectNode) p.get("builds").get(3).get("artifacts_file"))
                .put("filename", "artifacts.zip").put("size", 1048576));

        assertThat(build.artifacts()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("artifacts.zip");
            assertThat(a.path()).isEqualTo("build-image/artifacts.zip");
            assertThat(a.url()).contains(URI.create("http://192.168.64.1:3005/gitlab-org/gitlab-test/-/jobs/376/artifacts/download"));
            assertThat(a.sizeBytes()).hasValue(1048576);
        });
    }

    @Test
    void aMergeRequestPipelineOnItsMergeRefNamesTheSourceBranch() {
        BuildInfo build = pipeline(p -> attrs(p).put("ref", "refs/merge-requests/1/head"));

        assertThat(build.branch()).contains("test");
    }

    @Test
    void aTagPipelineHasNoBranchAndNamesTheTag() {
        BuildInfo build = pipeline(p -> {
            attrs(p).put("tag", true);
            attrs(p).put("ref", "v6.12-rc1");
        });

        assertThat(build.branch()).isEmpty();
        assertThat(build.metadata()).containsEntry("tag", "v6.12-rc1");
    }

    @Test
    void aPipelineWithoutUrlGetsOneFromTheProject() {
        BuildInfo build = pipeline(p -> attrs(p).remove("url"));

        assertThat(build.url()).contains("http://192.168.64.1:3005/gitlab-org/gitlab-test/-/pipelines/31");
    }

    @Test
    void aFailedJobIsAFailureWithItsReason() {
        BuildInfo build = job(j -> {
            j.put("build_status", "failed");
            j.put("build_started_at", "2021-02-23 02:41:40 UTC");
            j.put("build_finished_at", "2021-02-23 02:43:10 UTC");
            j.put("build_duration", 90.25);
        });

        assertThat(build.status()).isEqualTo(BuildStatus.FAILURE);
        assertThat(build.complete()).isTrue();
        assertThat(build.metadata()).containsEntry("failureReason", "script_failure");
        assertThat(build.startedAt()).contains(Instant.parse("2021-02-23T02:41:40Z"));
        assertThat(build.finishedAt()).contains(Instant.parse("2021-02-23T02:43:10Z"));
        assertThat(build.duration()).contains(Duration.ofMillis(90250));
    }

    @Test
    void aFailedJobThatIsAllowedToFailIsUnstable() {
        BuildInfo build = job(j -> {
            j.put("build_status", "failed");
            j.put("build_allow_failure", true);
        });

        assertThat(build.status()).isEqualTo(BuildStatus.UNSTABLE);
        assertThat(build.rawStatus()).isEqualTo("failed");
        assertThat(build.metadata()).containsEntry("allowFailure", "true");
    }

    @Test
    void jobTimesInIsoFormWinOverTheSpacedForm() {
        BuildInfo build = job(j -> {
            j.put("build_started_at", "2021-02-23 02:41:40 UTC");
            j.put("build_started_at_iso", "2021-02-23T02:41:41.500Z");
        });

        assertThat(build.startedAt()).contains(Instant.parse("2021-02-23T02:41:41.500Z"));
    }

    @Test
    void theJobsCommitIdIsNeverTakenForTheSha() {
        BuildInfo build = job(j -> j.remove("sha"));

        assertThat(build.commitSha()).isEmpty();
        assertThat(build.metadata()).containsEntry("pipelineId", "2366");
    }

    @ParameterizedTest
    @CsvSource({"created, PENDING", "waiting_for_resource, PENDING", "preparing, PENDING", "pending, PENDING",
            "scheduled, PENDING", "running, IN_PROGRESS", "canceling, IN_PROGRESS", "waiting_for_callback, IN_PROGRESS",
            "success, SUCCESS", "failed, FAILURE", "canceled, CANCELLED", "skipped, SKIPPED", "manual, SKIPPED",
            "bogus, UNKNOWN"})
    void jobStatusesMapAsTheReferenceTableSays(String raw, BuildStatus expected) {
        BuildInfo build = job(j -> j.put("build_status", raw));

        assertThat(build.status()).isEqualTo(expected);
        assertThat(build.rawStatus()).isEqualTo(raw);
        assertThat(build.complete()).isEqualTo(expected.isFinal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "1e300", "\"soon\""})
    void nonsenseDurationsAreAbsent(String duration) {
        BuildInfo build = pipeline(p -> attrs(p).set("duration", Json.read(duration.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        assertThat(build.duration()).isEmpty();
    }

    @Test
    void pipelineVariablesWithoutKeysAreSkipped() {
        BuildInfo build = pipeline(p -> {
            ArrayNode variables = attrs(p).putArray("variables");
            variables.addObject().put("value", "orphan");
            variables.addObject().put("key", "BOARD").put("value", "rk3588");
        });

        assertThat(build.parameters()).containsExactlyEntriesOf(java.util.Map.of("BOARD", "rk3588"));
        assertThat(build.artifacts()).extracting(BuildArtifact::name).isEmpty();
    }
}
