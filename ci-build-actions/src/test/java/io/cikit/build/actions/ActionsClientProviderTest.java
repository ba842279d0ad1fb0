package io.cikit.build.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.build.actions.ActionsStub.BLOBS;
import static io.cikit.build.actions.ActionsStub.GITHUB;
import static io.cikit.build.actions.ActionsStub.HOSTS;
import static io.cikit.build.actions.ActionsStub.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.artifact.ArtifactFetcher;
import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildSystems;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.spi.Providers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code actions} trigger and fetcher as a host finds them: through ServiceLoader, made from {@code cikit.github.*}.
 * WireMock {@code GITHUB} is addressed as {@code localhost}, {@code BLOBS} as {@code 127.0.0.1} ({@link ActionsStub}): two hosts.
 */
class ActionsClientProviderTest {
    private static final String TOKEN = "ghs_providertoken0123456789";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        HOSTS.reset();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("CIKIT_GITHUB_API_URL", api() + "/");
        env.put("CIKIT_GITHUB_REPOSITORY", "lab/linux");
        env.put("CIKIT_GITHUB_ARTIFACT_HOSTS", "127.0.0.1");
        return env;
    }

    private static BuildSystems systems(Map<String, String> env) {
        return BuildSystems.discover(CiConfig.builder().environment(env).systemProperties(new Properties()).build());
    }

    @Test
    void bothSpisFindTheActionsProvider() {
        assertThat(Providers.discover(BuildTriggerProvider.class, BuildTriggerProvider::system)
                .require("actions", "build trigger", "io.cikit:ci-build-actions"))
                .isInstanceOf(ActionsClientProvider.class);
        assertThat(Providers.discover(ArtifactFetcherProvider.class, ArtifactFetcherProvider::system)
                .require("actions", "artifact fetcher", "io.cikit:ci-build-actions"))
                .isInstanceOf(ActionsClientProvider.class);
    }

    @Test
    void aBareWorkflowIsDispatchedInTheConfiguredRepositoryWithTheGitHubToken() {
        GITHUB.stubFor(post(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build.yml/dispatches"))
                .willReturn(status(204)));

        TriggeredBuild queued = systems(env()).trigger("actions").trigger("build.yml@main", Map.of("defconfig", "arm64"));

        assertThat(queued.job()).isEqualTo("lab/linux/build.yml@main");
        GITHUB.verify(postRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/workflows/build.yml/dispatches"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"ref\":\"main\",\"inputs\":{\"defconfig\":\"arm64\"}}", true, true)));
    }

    @Test
    void aFetcherFromConfigListsAndFetchesThroughTheStorageRedirectWithoutTheToken() {
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/runs/77/artifacts")).willReturn(okJson(
                "{\"total_count\":1,\"artifacts\":[{\"id\":5,\"name\":\"kernel\",\"size_in_bytes\":3,\"expired\":false,"
                        + "\"archive_download_url\":\"" + api() + "/repos/lab/linux/actions/artifacts/5/zip\"}]}")));
        GITHUB.stubFor(get(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip")).willReturn(aResponse()
                .withStatus(302).withHeader("Location", HOSTS.storageUrl("/blob/5"))));
        BLOBS.stubFor(get(urlPathEqualTo("/blob/5")).willReturn(aResponse().withStatus(200).withBody("PK!")));
        // a payload without a repository gives an id without the owner/name prefix
        BuildInfo run = BuildInfo.builder("actions/runs/77/attempts/1", "actions").build();
        ArtifactFetcher fetcher = systems(env()).fetcher("actions");

        List<BuildArtifact> listed = fetcher.list(run);
        FetchedArtifact zip = fetcher.fetch(run, listed.get(0), dir.resolve("kernel.zip"), 1024);

        assertThat(listed).extracting(BuildArtifact::name).containsExactly("kernel");
        assertThat(zip.path()).hasContent("PK!");
        GITHUB.verify(getRequestedFor(urlPathEqualTo("/api/v3/repos/lab/linux/actions/artifacts/5/zip"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        BLOBS.verify(getRequestedFor(urlPathEqualTo("/blob/5")).withHeader("Authorization", absent()));
    }

    @Test
    void everyMissingOrInvalidKeyIsReportedAtOnce() {
        Map<String, String> env = Map.of("CIKIT_ACTIONS_TOKEN", "ghp_in_the_wrong_place", "CIKIT_GITHUB_API_URL", "ftp://x",
                "CIKIT_GITHUB_REPOSITORY", "not-a-repo", "CIKIT_GITHUB_MAX_ARTIFACT_BYTES", "lots",
                "CIKIT_GITHUB_REQUEST_TIMEOUT", "0s");

        assertThatThrownBy(() -> systems(env).fetcher("actions")).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.problems()).hasSize(5)
                        .anySatisfy(p -> assertThat(p).contains("cikit.github.token", "required"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.github.api-url", "http(s)"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.github.repository", "owner/name"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.github.max-artifact-bytes"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.github.request-timeout", "positive")))
                .hasMessageNotContaining("ghp_in_the_wrong_place");
    }
}
