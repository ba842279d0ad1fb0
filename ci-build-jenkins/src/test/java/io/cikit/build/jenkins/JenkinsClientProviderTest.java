package io.cikit.build.jenkins;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cikit.core.artifact.ArtifactFetcherProvider;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildSystems;
import io.cikit.core.build.BuildTriggerProvider;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.http.RedirectRefusedException;
import io.cikit.core.spi.Providers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jenkins} trigger and fetcher as a host finds them: through ServiceLoader, made from configuration.
 * WireMock {@code jenkins} is addressed as {@code localhost}, {@code storage} as {@code 127.0.0.1}: two hosts.
 */
class JenkinsClientProviderTest {
    private static final String TOKEN = "11aa22bb33cc44dd55ee66ff77889900aa";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString(("ci-bot:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    private static WireMockServer jenkins;
    private static WireMockServer storage;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        jenkins = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        storage = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        jenkins.start();
        storage.start();
    }

    @AfterAll
    static void stop() {
        jenkins.stop();
        storage.stop();
    }

    @BeforeEach
    void reset() {
        jenkins.resetAll();
        storage.resetAll();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CIKIT_JENKINS_URL", "http://localhost:" + jenkins.port() + "/jenkins");
        env.put("CIKIT_JENKINS_USER", "ci-bot");
        env.put("CIKIT_JENKINS_API_TOKEN", TOKEN);
        return env;
    }

    private static CiConfig config(Map<String, String> env) {
        return CiConfig.builder().environment(env).systemProperties(new Properties()).build();
    }

    @Test
    void bothSpisFindTheJenkinsProvider() {
        BuildTriggerProvider trigger = Providers.discover(BuildTriggerProvider.class, BuildTriggerProvider::system)
                .require("jenkins", "build trigger", "io.cikit:ci-build-jenkins");
        ArtifactFetcherProvider fetcher = Providers.discover(ArtifactFetcherProvider.class, ArtifactFetcherProvider::system)
                .require("jenkins", "artifact fetcher", "io.cikit:ci-build-jenkins");

        assertThat(trigger).isInstanceOf(JenkinsClientProvider.class);
        assertThat(fetcher).isInstanceOf(JenkinsClientProvider.class);
    }

    @Test
    void aTriggerMadeFromTheEnvironmentQueuesABuildWithItsCredentials() {
        jenkins.stubFor(post(urlPathEqualTo("/jenkins/job/kernel/job/linux-next/buildWithParameters")).willReturn(
                status(201).withHeader("Location", "http://localhost:" + jenkins.port() + "/jenkins/queue/item/31/")));

        TriggeredBuild queued = BuildSystems.discover(config(env())).trigger("jenkins")
                .trigger("kernel/linux-next", Map.of("ARCH", "arm64"));

        assertThat(queued.system()).isEqualTo("jenkins");
        assertThat(queued.queueId()).isEqualTo("31");
        jenkins.verify(postRequestedFor(urlPathEqualTo("/jenkins/job/kernel/job/linux-next/buildWithParameters"))
                .withHeader("Authorization", equalTo(BASIC)).withRequestBody(equalTo("ARCH=arm64")));
    }

    @Test
    void aFetcherMadeFromTheEnvironmentListsTheBuildsArtifacts() {
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/job/kernel/7/api/json")).willReturn(okJson(
                "{\"artifacts\":[{\"fileName\":\"Image\",\"relativePath\":\"arch/arm64/boot/Image\"}]}")));
        BuildInfo build = BuildInfo.builder("kernel#7", "jenkins").job("kernel").number(7).build();

        List<BuildArtifact> listed = BuildSystems.discover(config(env())).fetcher("jenkins").list(build);

        assertThat(listed).extracting(BuildArtifact::path).containsExactly("arch/arm64/boot/Image");
        jenkins.verify(getRequestedFor(urlPathEqualTo("/jenkins/job/kernel/7/api/json"))
                .withHeader("Authorization", equalTo(BASIC)));
    }

    @Test
    void aHostMayRegisterTheProviderOrAClientSharingItsTransportByHand() {
        JenkinsClient shared = JenkinsClient.from(config(env()).forPrefix("cikit.jenkins"),
                io.cikit.core.http.HttpTransport.builder().build());
        BuildSystems ready = BuildSystems.none(io.cikit.core.config.ProviderConfig.empty())
                .registerTrigger(shared).registerFetcher(shared);
        BuildSystems provided = BuildSystems.none(config(env())).registerTriggerProvider(new JenkinsClientProvider());

        assertThat(ready.trigger("jenkins")).isSameAs(shared);
        assertThat(ready.fetcher("jenkins")).isSameAs(shared);
        assertThat(((JenkinsClient) provided.trigger("jenkins")).baseUrl().getPath()).isEqualTo("/jenkins/");
        assertThatThrownBy(() -> provided.fetcher("jenkins")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("io.cikit:ci-build-jenkins");
    }

    @Test
    void everyMissingOrInvalidKeyIsReportedAtOnceWithoutShowingTheToken() {
        CiConfig config = config(Map.of("CIKIT_JENKINS_API_TOKEN", TOKEN, "CIKIT_JENKINS_CRUMB", "sometimes",
                "CIKIT_JENKINS_QUEUE_TIMEOUT", "0s", "CIKIT_JENKINS_CONNECT_TIMEOUT", "soon",
                "CIKIT_JENKINS_MAX_ARTIFACT_BYTES", "-1"));

        assertThatThrownBy(() -> BuildSystems.discover(config).trigger("jenkins"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(6)
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.url", "required"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.crumb", "auto, always"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.connect-timeout"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.user", "go together"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.queue-timeout", "positive"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.jenkins.max-artifact-bytes", "negative")))
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void configuredArtifactHostsLetADownloadFollowItsRedirectWithoutTheCredentials() {
        jenkins.stubFor(get(urlPathEqualTo("/jenkins/job/kernel/7/artifact/Image")).willReturn(aResponse()
                .withStatus(302).withHeader("Location", "http://127.0.0.1:" + storage.port() + "/bucket/Image")));
        storage.stubFor(get(urlPathEqualTo("/bucket/Image")).willReturn(aResponse().withStatus(200).withBody("kernel")));
        BuildInfo build = BuildInfo.builder("kernel#7", "jenkins").job("kernel").number(7).build();
        Map<String, String> allowed = env();
        allowed.put("CIKIT_JENKINS_ARTIFACT_HOSTS", "127.0.0.1");

        FetchedArtifact fetched = BuildSystems.discover(config(allowed)).fetcher("jenkins")
                .fetch(build, BuildArtifact.of("Image"), dir.resolve("Image"), 1024);

        assertThat(fetched.path()).hasContent("kernel");
        storage.verify(getRequestedFor(urlPathEqualTo("/bucket/Image")).withHeader("Authorization", absent()));
        assertThatThrownBy(() -> BuildSystems.discover(config(env())).fetcher("jenkins")
                .fetch(build, BuildArtifact.of("Image"), dir.resolve("Image2"), 1024))
                .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("127.0.0.1");
    }
}
