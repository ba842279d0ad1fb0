package io.cikit.build.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.build.actions.ActionsStub.BLOBS;
import static io.cikit.build.actions.ActionsStub.GITHUB;
import static io.cikit.build.actions.ActionsStub.HOSTS;
import static io.cikit.build.actions.ActionsStub.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.DeliveryException;
import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildTrigger;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.http.Download;
import io.cikit.core.http.HttpStatusException;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RedirectRefusedException;
import io.cikit.core.http.ReplyTooLargeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Actions client against a stand-in GitHub API on {@code localhost} and a stand-in blob store on
 * {@code 127.0.0.1} (another host, as far as the transport knows).
 */
class ActionsClientTest {
    private static final Secret TOKEN = Secret.of("ghs_installationtoken0123456789");
    private static final String BEARER = "Bearer " + TOKEN.reveal();
    private static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};

    @BeforeEach
    void reset() {
        HOSTS.reset();
    }

    private static ActionsClient client() {
        return ActionsClient.builder(TOKEN).apiUrl(api()).artifactHosts("127.0.0.1").maxArtifactBytes(1024).build();
    }

    private static String artifactJson(long id, String name, boolean expired) {
        return "{\"id\":" + id + ",\"node_id\":\"MDg6QXJ0aWZhY3Qx\",\"name\":\"" + name + "\",\"size_in_bytes\":" + (id * 10)
                + ",\"url\":\"" + api() + "/repos/lab/linux/actions/artifacts/" + id + "\""
                + ",\"archive_download_url\":\"" + api() + "/repos/lab/linux/actions/artifacts/" + id + "/zip\""
                + ",\"expired\":" + expired + ",\"created_at\":\"2024-01-01T00:00:00Z\",\"expires_at\":\"2024-04-01T00:00:00Z\""
                + ",\"digest\":\"sha256:00ff\"}";
    }

    @Test
    void listsARunsArtifactsAcrossPages() {
        StringBuilder firstPage = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            firstPage.append(i == 1 ? "" : ",").append(artifactJson(i, "kernel-" + i, false));
        }
        GITHUB.stubFor(get(urlEqualTo("/api/v3/repos/lab/linux/actions/runs/77/artifacts?per_page=100&page=1"))
                .willReturn(okJson("{\"total_count\":101,\"artifacts\":[" + firstPage + "]}")));
        GITHUB.stubFor(get(urlEqualTo("/api/v3/repos/lab/linux/actions/runs/77/artifacts?per_page=100&page=2"))
                .willReturn(okJson("{\"total_count\":101,\"artifacts\":[" + artifactJson(101, "bsp-image", true) + "]}")));

        List<ActionsArtifact> artifacts = client().artifacts("lab/linux", 77);

        assertThat(artifacts).hasSize(101);
        ActionsArtifact last = artifacts.get(100);
        assertThat(last.id()).isEqualTo(101);
        assertThat(last.name()).isEqualTo("bsp-image");
        assertThat(last.sizeBytes()).isEqualTo(1010);
        assertThat(last.expired()).isTrue();
        assertThat(last.expiresAt()).contains(Instant.parse("2024-04-01T00:00:00Z"));
        assertThat(last.digest()).contains("sha256:00ff");
        assertThat(last.archiveDownloadUrl()).isEqualTo(URI.create(api() + "/repos/lab/linux/actions/artifacts/101/zip"));
        assertThat(last.toBuildArtifact().url()).contains(last.archiveDownloadUrl());
        GITHUB.verify(2, getRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/runs/77/artifacts"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void downloadsTheZipThroughTheRedirectWithoutSendingTheTokenToStorage(@TempDir Path dir) throws Exception {
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip")).willReturn(status(302)
                .withHeader("Location", HOSTS.storageUrl("/actions-results/5.zip?sig=abc&se=2030"))));
        BLOBS.stubFor(get(urlPathEqualTo("/actions-results/5.zip")).willReturn(aResponse().withStatus(200).withBody(ZIP)));
        ActionsArtifact artifact = new ActionsArtifact(5, "kernel", ZIP.length, false,
                URI.create(api() + "/repos/lab/linux/actions/artifacts/5/zip"), Optional.empty(), Optional.empty());

        Download download = client().download(artifact, dir.resolve("kernel.zip"));

        assertThat(Files.readAllBytes(download.path())).isEqualTo(ZIP);
        assertThat(download.finalUri().getHost()).isEqualTo("127.0.0.1");
        GITHUB.verify(getRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip"))
                .withHeader("Authorization", equalTo(BEARER)));
        BLOBS.verify(1, getRequestedFor(urlPathEqualTo("/actions-results/5.zip")).withHeader("Authorization", absent()));
    }

    @Test
    void aRedirectToAHostNotAllowListedIsRefused(@TempDir Path dir) {
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip")).willReturn(status(302)
                .withHeader("Location", HOSTS.storageUrl("/actions-results/5.zip"))));
        ActionsClient defaults = ActionsClient.builder(TOKEN).apiUrl(api()).build();

        assertThatThrownBy(() -> defaults.download("lab/linux", 5, dir.resolve("a.zip"), 1024))
                .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("127.0.0.1");
        assertThat(BLOBS.getAllServeEvents()).isEmpty();
    }

    @Test
    void anArtifactListedAsExpiredIsReportedWithoutARequest(@TempDir Path dir) {
        ActionsArtifact expired = new ActionsArtifact(9, "old-build", 10, true,
                URI.create(api() + "/repos/lab/linux/actions/artifacts/9/zip"), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> client().download(expired, dir.resolve("old.zip")))
                .isInstanceOfSatisfying(ArtifactExpiredException.class, e -> {
                    assertThat(e.artifactId()).isEqualTo(9);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("old-build").contains("expired");
                });
        assertThat(GITHUB.getAllServeEvents()).isEmpty();
    }

    @Test
    void anArtifactGitHubAnswersGoneForIsExpired(@TempDir Path dir) {
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/9/zip"))
                .willReturn(status(410).withBody("{\"message\":\"Artifact has expired\"}")));

        assertThatThrownBy(() -> client().download("lab/linux", 9, dir.resolve("old.zip"), 1024))
                .isInstanceOfSatisfying(ArtifactExpiredException.class, e -> assertThat(e.artifactId()).isEqualTo(9));
        assertThat(dir.resolve("old.zip")).doesNotExist();
    }

    @Test
    void aZipOverTheCapIsRefused(@TempDir Path dir) throws Exception {
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/6/zip")).willReturn(status(302)
                .withHeader("Location", HOSTS.storageUrl("/big.zip"))));
        BLOBS.stubFor(get(urlPathEqualTo("/big.zip")).willReturn(aResponse().withStatus(200).withBody(new byte[4096])));
        ActionsArtifact big = new ActionsArtifact(6, "rootfs", 4096, false,
                URI.create(api() + "/repos/lab/linux/actions/artifacts/6/zip"), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> client().download(big, dir.resolve("rootfs.zip"))).isInstanceOf(ReplyTooLargeException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theTokenIsNeverSentToAnArtifactUrlOffTheApi(@TempDir Path dir) {
        ActionsArtifact elsewhere = new ActionsArtifact(7, "x", 1, false,
                URI.create(HOSTS.storageUrl("/repos/lab/linux/actions/artifacts/7/zip")),
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> client().download(elsewhere, dir.resolve("x.zip")))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("refusing");
        assertThat(BLOBS.getAllServeEvents()).isEmpty();
    }

    @Test
    void dispatchesAWorkflowWithItsRefAndInputs() {
        GITHUB.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build%20kernel.yml/dispatches"))
                .willReturn(status(204)));

        Optional<DispatchedRun> run = client().dispatch("lab/linux", "build kernel.yml", "main", Map.of("defconfig", "arm64"));

        assertThat(run).as("a 204 names no run").isEmpty();
        GITHUB.verify(postRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build%20kernel.yml/dispatches"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson(
                        "{\"ref\":\"main\",\"inputs\":{\"defconfig\":\"arm64\"},\"return_run_details\":true}")));
    }

    @Test
    void aDispatchReturnsTheRunGitHubNames() {
        GITHUB.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build.yml/dispatches"))
                .willReturn(okJson("{\"workflow_run_id\":999,\"run_url\":\"" + api() + "/repos/lab/linux/actions/runs/999\","
                        + "\"html_url\":\"https://github.com/lab/linux/actions/runs/999\"}")));

        Optional<DispatchedRun> run = client().dispatch("lab/linux", "build.yml", "main", Map.of());

        assertThat(run).hasValueSatisfying(r -> {
            assertThat(r.runId()).isEqualTo(999);
            assertThat(r.apiUrl()).isEqualTo(URI.create(api() + "/repos/lab/linux/actions/runs/999"));
            assertThat(r.htmlUrl()).contains(URI.create("https://github.com/lab/linux/actions/runs/999"));
        });
    }

    @Test
    void aServerThatDoesNotKnowRunDetailsIsAskedWithoutThemOnceAndForAll() {
        String path = "/api/v3/repos/lab/linux/actions/workflows/build.yml/dispatches";
        GITHUB.stubFor(post(urlPathEqualTo(path)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .containing("return_run_details")).willReturn(status(400).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Invalid request.\\n\\n\\\"return_run_details\\\" is not a permitted key.\"}")));
        GITHUB.stubFor(post(urlPathEqualTo(path)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .notContaining("return_run_details")).willReturn(status(204)));
        ActionsClient client = client();

        assertThat(client.dispatch("lab/linux", "build.yml", "main", Map.of())).isEmpty();
        assertThat(client.dispatch("lab/linux", "build.yml", "v6.6", Map.of())).isEmpty();

        GITHUB.verify(1, postRequestedFor(urlPathEqualTo(path)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("return_run_details")));
        GITHUB.verify(2, postRequestedFor(urlPathEqualTo(path)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.notContaining("return_run_details")));
    }

    @Test
    void aRefusedDispatchSaysWhatGitHubSaid() {
        GITHUB.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/42/dispatches")).willReturn(status(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Workflow does not have 'workflow_dispatch' trigger\","
                        + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"422\"}")));

        assertThatThrownBy(() -> client().dispatch("lab/linux", "42", "main", Map.of()))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.getMessage()).contains("42").contains("main").contains("lab/linux").contains("422")
                            .contains("Workflow does not have 'workflow_dispatch' trigger")
                            .doesNotContain(TOKEN.reveal());
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getCause()).isInstanceOfSatisfying(HttpStatusException.class,
                            cause -> assertThat(cause.status()).isEqualTo(422));
                });
        GITHUB.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void asABuildTriggerItDispatchesAndFollowsTheNamedRun() {
        GITHUB.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build.yml/dispatches"))
                .willReturn(okJson("{\"workflow_run_id\":999,\"run_url\":\"" + api() + "/repos/lab/linux/actions/runs/999\"}")));
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/runs/999")).inScenario("run")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(okJson("{\"id\":999,\"status\":\"queued\",\"conclusion\":null,\"run_attempt\":1}"))
                .willSetStateTo("running"));
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/runs/999")).inScenario("run")
                .whenScenarioStateIs("running")
                .willReturn(okJson("{\"id\":999,\"status\":\"in_progress\",\"conclusion\":null,\"run_attempt\":2}")));
        BuildTrigger trigger = client();

        TriggeredBuild triggered = trigger.trigger("lab/linux/build.yml@v6.6", Map.of("defconfig", "arm64"));

        assertThat(trigger.system()).isEqualTo("actions");
        assertThat(triggered.system()).isEqualTo("actions");
        assertThat(triggered.queueId()).isEqualTo("999");
        assertThat(triggered.queueUrl()).contains(URI.create(api() + "/repos/lab/linux/actions/runs/999"));
        assertThat(trigger.buildId(triggered)).as("queued").isEmpty();
        assertThat(trigger.buildId(triggered)).contains("lab/linux/actions/runs/999/attempts/2");
        GITHUB.verify(postRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build.yml/dispatches"))
                .withRequestBody(equalToJson("{\"ref\":\"v6.6\",\"inputs\":{\"defconfig\":\"arm64\"},\"return_run_details\":true}")));
    }

    @Test
    void aTriggerWithoutARefRunsOnTheDefaultBranchAndMayNameNoRun() {
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux")).willReturn(okJson("{\"default_branch\":\"master\"}")));
        GITHUB.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/42/dispatches")).willReturn(status(204)));
        ActionsClient client = client();

        TriggeredBuild triggered = client.trigger("lab/linux/42", Map.of());

        assertThat(triggered.queueId()).isEmpty();
        assertThat(triggered.queueUrl()).isEmpty();
        assertThat(client.buildId(triggered)).as("nothing to follow").isEmpty();
        GITHUB.verify(postRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/42/dispatches"))
                .withRequestBody(equalToJson("{\"ref\":\"master\",\"inputs\":{},\"return_run_details\":true}")));
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/runs/")));
    }

    @Test
    void triggerJobsAndForeignRequestsAreChecked() {
        TriggeredBuild jenkins = new TriggeredBuild("jenkins", "kernel", "17", Optional.empty(), Map.of(), Instant.now());

        assertThatThrownBy(() -> client().trigger("lab/build.yml", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().trigger("lab/linux/sub/build.yml", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().buildId(jenkins)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GITHUB.getAllServeEvents()).isEmpty();
    }

    @Test
    void asAnArtifactFetcherItListsTheRunsLiveArtifactsAndFetchesThem(@TempDir Path dir) throws Exception {
        BuildInfo run = new ActionsPayloadParser().parseBody(Fixtures.bytes(Fixtures.RUN)).build();
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/Codertocat/Hello-World/actions/runs/1589141559/artifacts"))
                .willReturn(okJson("{\"total_count\":2,\"artifacts\":[" + artifactJson(5, "kernel", false) + ","
                        + artifactJson(6, "old", true) + "]}")));
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip")).willReturn(status(302)
                .withHeader("Location", HOSTS.storageUrl("/5.zip"))));
        BLOBS.stubFor(get(urlPathEqualTo("/5.zip")).willReturn(aResponse().withStatus(200).withBody(ZIP)));
        ArtifactFetcher fetcher = client();

        List<BuildArtifact> listed = fetcher.list(run);
        FetchedArtifact fetched = fetcher.fetch(run, listed.get(0), dir.resolve("kernel.zip"), 1024);

        assertThat(listed).as("expired ones cannot be fetched").extracting(BuildArtifact::name).containsExactly("kernel");
        assertThat(listed.get(0).sizeBytes()).hasValue(50);
        assertThat(fetched.path()).hasBinaryContent(ZIP);
        assertThat(fetched.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ZIP)));
        BLOBS.verify(getRequestedFor(urlPathEqualTo("/5.zip")).withHeader("Authorization", absent()));
    }

    @Test
    void aJobsArtifactsAreItsRuns() {
        BuildInfo job = new ActionsPayloadParser().parseBody(Fixtures.bytes(Fixtures.JOB)).build();
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/Codertocat/Hello-World/actions/runs/2202229078/artifacts"))
                .willReturn(okJson("{\"total_count\":0,\"artifacts\":[]}")));

        assertThat(client().list(job)).isEmpty();
        GITHUB.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/repos/Codertocat/Hello-World/actions/runs/2202229078/artifacts")));
    }

    @Test
    void fetchingAnArtifactThatExpiredSinceListingIsReported(@TempDir Path dir) {
        BuildInfo run = BuildInfo.builder("lab/linux/actions/runs/1/attempts/1", "actions").build();
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/8/zip")).willReturn(status(410)));
        BuildArtifact artifact = new BuildArtifact("kernel", "kernel",
                Optional.of(URI.create(api() + "/repos/lab/linux/actions/artifacts/8/zip")), OptionalLong.empty(),
                ArtifactKind.UNKNOWN);

        assertThatThrownBy(() -> client().fetch(run, artifact, dir.resolve("k.zip"), 1024))
                .isInstanceOfSatisfying(ArtifactExpiredException.class, e -> assertThat(e.artifactId()).isEqualTo(8));
    }

    @Test
    void buildsOfAnotherSystemOrWithoutARunAreRefused() {
        BuildInfo jenkins = BuildInfo.builder("kernel#1", "jenkins").build();
        BuildInfo odd = BuildInfo.builder("something-else", "actions").build();

        assertThatThrownBy(() -> client().list(jenkins)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jenkins");
        assertThatThrownBy(() -> client().list(odd)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GITHUB.getAllServeEvents()).isEmpty();
    }

    @Test
    void repositoryNamesAreChecked() {
        GITHUB.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        assertThatThrownBy(() -> client().artifacts("lab/../../admin", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().artifacts("just-a-name", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GITHUB.getAllServeEvents()).isEmpty();
    }

    @Test
    void configurationNeedsAToken() {
        assertThatThrownBy(() -> ActionsClient.from(ProviderConfig.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("token");

        ActionsClient configured = ActionsClient.from(ProviderConfig.of(Map.of("token", TOKEN.reveal(),
                "api-url", api().toString(), "artifact-hosts", "a.example, *.b.example")::get),
                HttpTransport.builder().meterRegistry(new SimpleMeterRegistry()).build());

        assertThat(configured.apiUrl()).isEqualTo(URI.create(api() + "/"));
    }
}
