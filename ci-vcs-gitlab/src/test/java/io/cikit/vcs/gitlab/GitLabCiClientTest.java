package io.cikit.vcs.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.vcs.gitlab.GitLabStub.GITLAB;
import static io.cikit.vcs.gitlab.GitLabStub.HOSTS;
import static io.cikit.vcs.gitlab.GitLabStub.PROJECT;
import static io.cikit.vcs.gitlab.GitLabStub.PROJECT_PATH;
import static io.cikit.vcs.gitlab.GitLabStub.STORAGE;
import static io.cikit.vcs.gitlab.GitLabStub.base;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.DeliveryException;
import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildSystems;
import io.cikit.core.build.BuildTrigger;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.http.ReplyTooLargeException;
import io.cikit.core.spi.Providers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitLabCiClient} as the {@code gitlab-ci} trigger and fetcher, found through ServiceLoader and made from
 * {@code cikit.gitlab.*}. WireMock {@code GITLAB} is addressed as {@code localhost}, {@code STORAGE} as
 * {@code 127.0.0.1} ({@link GitLabStub}): two hosts.
 */
class GitLabCiClientTest {
    private static final String TOKEN = "glpat-ci-0123456789";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        HOSTS.reset();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("GITLAB_TOKEN", TOKEN);
        env.put("CIKIT_GITLAB_BASE_URL", base().toString());
        env.put("CIKIT_GITLAB_ARTIFACT_HOSTS", "127.0.0.1");
        return env;
    }

    private static BuildSystems systems(Map<String, String> env) {
        return BuildSystems.discover(CiConfig.builder().environment(env).systemProperties(new Properties()).build());
    }

    private static BuildInfo pipeline(long id) {
        return BuildInfo.builder("pipeline:" + id, "gitlab-ci").metadata("project", PROJECT).build();
    }

    private static String job(long id, String name, String artifacts) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"status\":\"success\"" + artifacts + "}";
    }

    @Test
    void bothSpisFindTheGitLabCiProviderReadingTheGitLabSettings() {
        BuildTriggerProvider trigger = Providers.discover(BuildTriggerProvider.class, BuildTriggerProvider::system)
                .require("gitlab-ci", "build trigger", "io.cikit:ci-vcs-gitlab");
        ArtifactFetcherProvider fetcher = Providers.discover(ArtifactFetcherProvider.class, ArtifactFetcherProvider::system)
                .require("gitlab-ci", "artifact fetcher", "io.cikit:ci-vcs-gitlab");

        assertThat(trigger).isInstanceOf(GitLabCiClientProvider.class);
        assertThat(fetcher.configPrefix()).isEqualTo("cikit.gitlab");
    }

    @Test
    void aTriggerCreatesAPipelineWithVariablesAndThenNamesTheBuildOnceItRuns() {
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/pipeline")).willReturn(okJson(
                "{\"id\":2366,\"ref\":\"main\",\"status\":\"created\",\"web_url\":\"" + base() + "/lab/bsp/linux/-/pipelines/2366\"}")));
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/pipelines/2366")).inScenario("p").willSetStateTo("running")
                .willReturn(okJson("{\"id\":2366,\"ref\":\"main\",\"status\":\"pending\"}")));
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/pipelines/2366")).inScenario("p").whenScenarioStateIs("running")
                .willReturn(okJson("{\"id\":2366,\"ref\":\"main\",\"status\":\"running\"}")));
        BuildTrigger trigger = systems(env()).trigger("gitlab-ci");

        TriggeredBuild queued = trigger.trigger(PROJECT + "@main", Map.of("DEFCONFIG", "arm64"));

        assertThat(queued.system()).isEqualTo("gitlab-ci");
        assertThat(queued.job()).isEqualTo("lab/bsp/linux@main");
        assertThat(queued.queueId()).isEqualTo("2366");
        assertThat(queued.queueUrl()).contains(URI.create(base() + "/lab/bsp/linux/-/pipelines/2366"));
        GITLAB.verify(postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/pipeline"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"variables\":[{\"key\":\"DEFCONFIG\",\"value\":\"arm64\"}]}")));
        assertThat(trigger.buildId(queued)).as("pending").isEmpty();
        assertThat(trigger.buildId(queued)).contains("pipeline:2366");
    }

    @Test
    void withATriggerTokenThePipelineIsRunOnTheDefaultBranchWithoutTheClientToken() {
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH)).willReturn(okJson("{\"id\":42,\"default_branch\":\"master\"}")));
        GITLAB.stubFor(post(urlPathEqualTo(PROJECT_PATH + "/trigger/pipeline"))
                .willReturn(okJson("{\"id\":7,\"ref\":\"master\",\"status\":\"created\"}")));
        Map<String, String> env = env();
        env.put("CIKIT_GITLAB_TRIGGER_TOKEN", "glptt-trigger");

        TriggeredBuild queued = systems(env).trigger("gitlab-ci").trigger(PROJECT, Map.of());

        assertThat(queued.job()).isEqualTo("lab/bsp/linux@master");
        GITLAB.verify(postRequestedFor(urlPathEqualTo(PROJECT_PATH + "/trigger/pipeline"))
                .withHeader("PRIVATE-TOKEN", absent())
                .withRequestBody(equalToJson("{\"token\":\"glptt-trigger\",\"ref\":\"master\"}", true, true)));
    }

    @Test
    void requestsOfAnotherSystemOrWithoutAProjectAreRefusedBeforeAnyCall() {
        BuildTrigger trigger = systems(env()).trigger("gitlab-ci");
        TriggeredBuild jenkins = new TriggeredBuild("jenkins", "kernel", "17", Optional.empty(), Map.of(),
                java.time.Instant.now());

        assertThatThrownBy(() -> trigger.trigger("@main", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trigger.buildId(jenkins)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GITLAB.getAllServeEvents()).isEmpty();
    }

    @Test
    void aPipelinesArchivesAreListedFromItsJobsLeavingOutExpiredAndEmptyOnes() {
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/pipelines/2366/jobs")).willReturn(okJson("["
                + job(1, "build arm64", ",\"artifacts\":[{\"file_type\":\"trace\",\"size\":900,\"filename\":\"job.log\"},"
                        + "{\"file_type\":\"archive\",\"size\":1024,\"filename\":\"artifacts.zip\",\"file_format\":\"zip\"},"
                        + "{\"file_type\":\"metadata\",\"size\":90,\"filename\":\"metadata.gz\"}],"
                        + "\"artifacts_expire_at\":\"2999-01-01T00:00:00.000Z\"") + ","
                + job(2, "build x86", ",\"artifacts_file\":{\"filename\":\"kernel.zip\",\"size\":2048}") + ","
                + job(3, "lint", ",\"artifacts\":[{\"file_type\":\"trace\",\"size\":10,\"filename\":\"job.log\"}]") + ","
                + job(4, "old", ",\"artifacts_file\":{\"filename\":\"old.zip\",\"size\":1},"
                        + "\"artifacts_expire_at\":\"2001-01-01T00:00:00.000Z\"")
                + "]")));

        List<BuildArtifact> listed = systems(env()).fetcher("gitlab-ci").list(pipeline(2366));

        assertThat(listed).extracting(BuildArtifact::path).containsExactly("build arm64/artifacts.zip", "build x86/kernel.zip");
        assertThat(listed.get(0).sizeBytes()).isEqualTo(OptionalLong.of(1024));
        assertThat(listed.get(0).url()).contains(URI.create(base() + PROJECT_PATH + "/jobs/1/artifacts"));
        GITLAB.verify(getRequestedFor(urlPathEqualTo(PROJECT_PATH + "/pipelines/2366/jobs"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
    }

    @Test
    void aJobBuildListsItsOwnArchive() {
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/jobs/9")).willReturn(okJson(
                job(9, "build", ",\"artifacts_file\":{\"filename\":\"artifacts.zip\",\"size\":5}"))));
        BuildInfo job = BuildInfo.builder("job:9", "gitlab-ci").metadata("project", PROJECT).build();

        assertThat(systems(env()).fetcher("gitlab-ci").list(job)).extracting(BuildArtifact::name)
                .containsExactly("artifacts.zip");
    }

    @Test
    void aFetchFollowsTheStorageRedirectWithoutTheTokenAndHashesTheArchive() throws Exception {
        byte[] zip = {'P', 'K', 3, 4, 1, 2, 3};
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/jobs/1/artifacts")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", HOSTS.storageUrl("/bucket/1.zip?X-Amz-Signature=s"))));
        STORAGE.stubFor(get(urlPathEqualTo("/bucket/1.zip")).willReturn(aResponse().withStatus(200).withBody(zip)));
        // as a Pipeline Hook lists it: the job's web download URL on the same instance
        BuildArtifact fromHook = new BuildArtifact("artifacts.zip", "build/artifacts.zip",
                Optional.of(URI.create(base() + "/lab/bsp/linux/-/jobs/1/artifacts/download")), OptionalLong.empty(),
                io.cikit.core.artifact.ArtifactKind.UNKNOWN);

        FetchedArtifact fetched = systems(env()).fetcher("gitlab-ci")
                .fetch(pipeline(2366), fromHook, dir.resolve("a.zip"), 1024);

        assertThat(fetched.path()).hasBinaryContent(zip);
        assertThat(fetched.sizeBytes()).isEqualTo(zip.length);
        assertThat(fetched.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip)));
        GITLAB.verify(getRequestedFor(urlPathEqualTo(PROJECT_PATH + "/jobs/1/artifacts"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
        STORAGE.verify(getRequestedFor(urlPathEqualTo("/bucket/1.zip")).withHeader("PRIVATE-TOKEN", absent()));
    }

    @Test
    void anArchiveOverTheCapFailsAndLeavesNoFile() throws Exception {
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/jobs/1/artifacts"))
                .willReturn(aResponse().withStatus(200).withBody(new byte[4096])));
        ArtifactFetcher fetcher = systems(env()).fetcher("gitlab-ci");
        BuildArtifact archive = new BuildArtifact("artifacts.zip", "build/artifacts.zip",
                Optional.of(URI.create(base() + PROJECT_PATH + "/jobs/1/artifacts")), OptionalLong.empty(),
                io.cikit.core.artifact.ArtifactKind.UNKNOWN);

        assertThatThrownBy(() -> fetcher.fetch(pipeline(1), archive, dir.resolve("big.zip"), 1024))
                .isInstanceOf(ReplyTooLargeException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anArtifactUrlOnAnotherInstanceOrNamingNoJobIsRefused() {
        ArtifactFetcher fetcher = systems(env()).fetcher("gitlab-ci");
        BuildArtifact elsewhere = new BuildArtifact("a.zip", "a.zip",
                Optional.of(URI.create("https://evil.example.com/lab/bsp/linux/-/jobs/1/artifacts/download")),
                OptionalLong.empty(), io.cikit.core.artifact.ArtifactKind.UNKNOWN);
        BuildArtifact noJob = new BuildArtifact("a.zip", "a.zip", Optional.of(URI.create(base() + "/lab/bsp/linux")),
                OptionalLong.empty(), io.cikit.core.artifact.ArtifactKind.UNKNOWN);

        assertThatThrownBy(() -> fetcher.fetch(pipeline(1), elsewhere, dir.resolve("a"), 10))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> fetcher.fetch(pipeline(1), noJob, dir.resolve("a"), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fetcher.list(BuildInfo.builder("pipeline:1", "gitlab-ci").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("project");
        assertThatThrownBy(() -> fetcher.list(BuildInfo.builder("kernel#1", "jenkins").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jenkins");
        assertThat(GITLAB.getAllServeEvents()).isEmpty();
    }

    @Test
    void aParsedPipelineHookIsFetchedEndToEnd() throws Exception {
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/pipelines/31/jobs")).willReturn(okJson(
                "[" + job(5, "kernel", ",\"artifacts_file\":{\"filename\":\"artifacts.zip\",\"size\":3}") + "]")));
        GITLAB.stubFor(get(urlPathEqualTo(PROJECT_PATH + "/jobs/5/artifacts"))
                .willReturn(aResponse().withStatus(200).withBody("zip")));
        BuildInfo build = new GitLabCiBuildParser().parse(new io.cikit.core.event.EventContext(
                io.cikit.core.event.Provider.GITLAB_CI, Optional.empty(), java.time.Instant.now(),
                new io.cikit.core.event.RawPayload("Pipeline Hook", io.cikit.core.json.Json.read((
                        "{\"object_kind\":\"pipeline\",\"object_attributes\":{\"id\":31,\"status\":\"success\"},"
                        + "\"project\":{\"path_with_namespace\":\"lab/bsp/linux\",\"web_url\":\"" + base()
                        + "/lab/bsp/linux\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8))))).orElseThrow().build();

        List<FetchedArtifact> fetched = systems(env()).fetchArtifacts(build, a -> true, dir, 1024);

        assertThat(fetched).singleElement().satisfies(f -> assertThat(f.path()).hasContent("zip"));
        assertThat(fetched.get(0).path()).isEqualTo(dir.toAbsolutePath().resolve("kernel/artifacts.zip"));
    }

    @Test
    void missingOrUnusableKeysAreAllReported() {
        Map<String, String> env = Map.of("CIKIT_GITLAB_BASE_URL", "gitlab.example.com", "CIKIT_GITLAB_TOKEN_TYPE", "basic",
                "CIKIT_GITLAB_ARTIFACT_HOSTS", "bad host!");

        assertThatThrownBy(() -> systems(env).trigger("gitlab-ci")).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("cikit.gitlab.base-url"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.gitlab.token-type"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.gitlab.artifact-hosts")));
    }
}
