package io.cikit.build.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cikit.core.DeliveryException;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    private static WireMockServer github;
    private static WireMockServer blobs;

    @BeforeAll
    static void start() {
        github = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        blobs = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        github.start();
        blobs.start();
    }

    @AfterAll
    static void stop() {
        github.stop();
        blobs.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
        blobs.resetAll();
    }

    private static URI api() {
        return URI.create("http://localhost:" + github.port() + "/api/v3");
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
        github.stubFor(get(urlEqualTo("/api/v3/repos/lab/linux/actions/runs/77/artifacts?per_page=100&page=1"))
                .willReturn(okJson("{\"total_count\":101,\"artifacts\":[" + firstPage + "]}")));
        github.stubFor(get(urlEqualTo("/api/v3/repos/lab/linux/actions/runs/77/artifacts?per_page=100&page=2"))
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
        github.verify(2, getRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/runs/77/artifacts"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void downloadsTheZipThroughTheRedirectWithoutSendingTheTokenToStorage(@TempDir Path dir) throws Exception {
        github.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip")).willReturn(status(302)
                .withHeader("Location", "http://127.0.0.1:" + blobs.port() + "/actions-results/5.zip?sig=abc&se=2030")));
        blobs.stubFor(get(urlPathEqualTo("/actions-results/5.zip")).willReturn(aResponse().withStatus(200).withBody(ZIP)));
        ActionsArtifact artifact = new ActionsArtifact(5, "kernel", ZIP.length, false,
                URI.create(api() + "/repos/lab/linux/actions/artifacts/5/zip"), Optional.empty(), Optional.empty());

        Download download = client().download(artifact, dir.resolve("kernel.zip"));

        assertThat(Files.readAllBytes(download.path())).isEqualTo(ZIP);
        assertThat(download.finalUri().getHost()).isEqualTo("127.0.0.1");
        github.verify(getRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip"))
                .withHeader("Authorization", equalTo(BEARER)));
        blobs.verify(1, getRequestedFor(urlPathEqualTo("/actions-results/5.zip")).withHeader("Authorization", absent()));
    }

    @Test
    void aRedirectToAHostNotAllowListedIsRefused(@TempDir Path dir) {
        github.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip")).willReturn(status(302)
                .withHeader("Location", "http://127.0.0.1:" + blobs.port() + "/actions-results/5.zip")));
        ActionsClient defaults = ActionsClient.builder(TOKEN).apiUrl(api()).build();

        assertThatThrownBy(() -> defaults.download("lab/linux", 5, dir.resolve("a.zip"), 1024))
                .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("127.0.0.1");
        assertThat(blobs.getAllServeEvents()).isEmpty();
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
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    @Test
    void anArtifactGitHubAnswersGoneForIsExpired(@TempDir Path dir) {
        github.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/9/zip"))
                .willReturn(status(410).withBody("{\"message\":\"Artifact has expired\"}")));

        assertThatThrownBy(() -> client().download("lab/linux", 9, dir.resolve("old.zip"), 1024))
                .isInstanceOfSatisfying(ArtifactExpiredException.class, e -> assertThat(e.artifactId()).isEqualTo(9));
        assertThat(dir.resolve("old.zip")).doesNotExist();
    }

    @Test
    void aZipOverTheCapIsRefused(@TempDir Path dir) throws Exception {
        github.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/6/zip")).willReturn(status(302)
                .withHeader("Location", "http://127.0.0.1:" + blobs.port() + "/big.zip")));
        blobs.stubFor(get(urlPathEqualTo("/big.zip")).willReturn(aResponse().withStatus(200).withBody(new byte[4096])));
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
                URI.create("http://127.0.0.1:" + blobs.port() + "/repos/lab/linux/actions/artifacts/7/zip"),
                Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> client().download(elsewhere, dir.resolve("x.zip")))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("refusing");
        assertThat(blobs.getAllServeEvents()).isEmpty();
    }

    @Test
    void dispatchesAWorkflowWithItsRefAndInputs() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build%20kernel.yml/dispatches"))
                .willReturn(status(204)));

        Optional<DispatchedRun> run = client().dispatch("lab/linux", "build kernel.yml", "main", Map.of("defconfig", "arm64"));

        assertThat(run).as("a 204 names no run").isEmpty();
        github.verify(postRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build%20kernel.yml/dispatches"))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson(
                        "{\"ref\":\"main\",\"inputs\":{\"defconfig\":\"arm64\"},\"return_run_details\":true}")));
    }

    @Test
    void aDispatchReturnsTheRunGitHubNames() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build.yml/dispatches"))
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
        github.stubFor(post(urlPathEqualTo(path)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .containing("return_run_details")).willReturn(status(400).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Invalid request.\\n\\n\\\"return_run_details\\\" is not a permitted key.\"}")));
        github.stubFor(post(urlPathEqualTo(path)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .notContaining("return_run_details")).willReturn(status(204)));
        ActionsClient client = client();

        assertThat(client.dispatch("lab/linux", "build.yml", "main", Map.of())).isEmpty();
        assertThat(client.dispatch("lab/linux", "build.yml", "v6.6", Map.of())).isEmpty();

        github.verify(1, postRequestedFor(urlPathEqualTo(path)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("return_run_details")));
        github.verify(2, postRequestedFor(urlPathEqualTo(path)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.notContaining("return_run_details")));
    }

    @Test
    void aRefusedDispatchSaysWhatGitHubSaid() {
        github.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/42/dispatches")).willReturn(status(422)
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
        github.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void repositoryNamesAreChecked() {
        github.stubFor(any(anyUrl()).willReturn(okJson("{}")));

        assertThatThrownBy(() -> client().artifacts("lab/../../admin", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client().artifacts("just-a-name", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(github.getAllServeEvents()).isEmpty();
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
