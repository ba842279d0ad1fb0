package io.cikit.build.jenkins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.cikit.core.artifact.ArtifactKind;
import io.cikit.core.artifact.FetchedArtifact;
import io.cikit.core.build.BuildArtifact;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.build.BuildSystems;
import io.cikit.core.build.TriggeredBuild;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.http.Download;
import io.cikit.core.http.Headers;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.cikit.testkit.RecordingHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets in docs/build-jenkins.md, compiled and run (the client against a stand-in Jenkins). */
class JenkinsUsageTest {

    @Test
    void theEndpointSnippetWorks() {
        byte[] body = Fixtures.bytes(Fixtures.FINALIZED);
        Map<String, String> env = Map.of("CIKIT_JENKINS_WEBHOOK_VERIFICATION", "token",
                "CIKIT_JENKINS_WEBHOOK_SECRET", "s3cret-token");
        RecordingHandler<BuildInfo> handled = new RecordingHandler<>();

        // tag::endpoint[]
        CiConfig config = CiConfig.builder().environment(env).systemProperties(new Properties()).build();
        Webhooks webhooks = Webhooks.builder()
                .parser(JenkinsWebhookParser.from(config.forPrefix("cikit.jenkins")))   // wins over the discovered one
                .secret("jenkins", config.secrets("cikit.jenkins.webhook-secret").toArray(Secret[]::new))
                .on(BuildEvent.class, event -> {
                    if (event.build().complete()) {             // FINALIZED: Jenkins' last word on the build
                        handled.accept(event.build());
                    }
                })
                .build();

        // the host mounted Jenkins on its own path, so it names the provider
        WebhookResult result = webhooks.handle("jenkins", WebhookRequest.of(
                Headers.of("Content-Type", "application/json", "X-Jenkins-Token", "s3cret-token"), body));
        // end::endpoint[]

        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(handled.single().buildId()).isEqualTo("linux-next-arm64#1234");
    }

    @Test
    void theParseSnippetWorks() {
        byte[] bytes = Fixtures.bytes(Fixtures.SEED);

        // tag::parse[]
        BuildInfo build = new JenkinsPayloadParser().parseBody(bytes).build();
        // end::parse[]

        assertThat(build.metadata()).containsEntry("kernel_version", "6.6.52");
    }

    @Test
    void theClientSnippetWorks(@TempDir Path dir) {
        WireMockServer jenkins = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        jenkins.start();
        try {
            String root = "http://localhost:" + jenkins.port() + "/";
            jenkins.stubFor(post(urlPathEqualTo("/job/kernel/job/linux-next/buildWithParameters"))
                    .willReturn(status(201).withHeader("Location", root + "queue/item/5/")));
            jenkins.stubFor(get(urlEqualTo("/queue/item/5/api/json"))
                    .willReturn(okJson("{\"executable\":{\"number\":42,\"url\":\"" + root + "job/kernel/job/linux-next/42/\"}}")));
            jenkins.stubFor(get(urlPathEqualTo("/job/kernel/job/linux-next/42/api/json")).willReturn(okJson(
                    "{\"artifacts\":[{\"fileName\":\"Image.gz\",\"relativePath\":\"arch/arm64/boot/Image.gz\"}]}")));
            jenkins.stubFor(get(urlPathEqualTo("/job/kernel/job/linux-next/42/artifact/arch/arm64/boot/Image.gz"))
                    .willReturn(aResponse().withStatus(200).withBody(new byte[] {0x1f, (byte) 0x8b, 8, 0})));
            CiConfig config = CiConfig.builder().systemProperties(new Properties()).environment(Map.of(
                    "CIKIT_JENKINS_URL", root, "CIKIT_JENKINS_USER", "ci-bot", "CIKIT_JENKINS_API_TOKEN", "11aa22bb")).build();
            HttpTransport http = HttpTransport.builder().meterRegistry(new SimpleMeterRegistry()).build();

            // tag::client[]
            JenkinsClient jenkinsClient = JenkinsClient.from(config.forPrefix("cikit.jenkins"), http);

            QueuedBuild queued = jenkinsClient.enqueue("kernel/linux-next", Map.of("ARCH", "arm64"));
            JenkinsBuild build = jenkinsClient.awaitStart(queued);         // polls queue/item/N/api/json
            List<BuildArtifact> artifacts = jenkinsClient.artifacts(build);
            Download image = jenkinsClient.download(artifacts.get(0), dir.resolve("Image.gz"));  // streamed, capped
            // end::client[]

            assertThat(build.buildId()).isEqualTo("kernel/linux-next#42");
            assertThat(image.sizeBytes()).isEqualTo(4);
        } finally {
            jenkins.stop();
        }
    }

    @Test
    void theDiscoverySnippetWorks(@TempDir Path dir) {
        WireMockServer jenkins = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        jenkins.start();
        try {
            String root = "http://localhost:" + jenkins.port() + "/";
            jenkins.stubFor(post(urlPathEqualTo("/job/kernel/job/linux-next/buildWithParameters"))
                    .willReturn(status(201).withHeader("Location", root + "queue/item/5/")));
            jenkins.stubFor(get(urlEqualTo("/queue/item/5/api/json"))
                    .willReturn(okJson("{\"executable\":{\"number\":42}}")));
            jenkins.stubFor(get(urlPathEqualTo("/job/kernel/job/linux-next/42/api/json")).willReturn(okJson(
                    "{\"artifacts\":[{\"fileName\":\"Image.gz\",\"relativePath\":\"arch/arm64/boot/Image.gz\"},"
                            + "{\"fileName\":\"build.log\",\"relativePath\":\"build.log\"}]}")));
            jenkins.stubFor(get(urlPathEqualTo("/job/kernel/job/linux-next/42/artifact/arch/arm64/boot/Image.gz"))
                    .willReturn(aResponse().withStatus(200).withBody(new byte[] {0x1f, (byte) 0x8b, 8, 0})));
            CiConfig config = CiConfig.builder().systemProperties(new Properties()).environment(Map.of(
                    "CIKIT_JENKINS_URL", root, "CIKIT_JENKINS_USER", "ci-bot", "CIKIT_JENKINS_API_TOKEN", "11aa22bb")).build();
            BuildInfo build = BuildInfo.builder("kernel/linux-next#42", "jenkins").job("kernel/linux-next").number(42)
                    .build();

            // tag::systems[]
            BuildSystems systems = BuildSystems.discover(config);      // every provider on the class path
            TriggeredBuild queued = systems.trigger("jenkins").trigger("kernel/linux-next", Map.of("ARCH", "arm64"));
            Optional<String> started = systems.trigger("jenkins").buildId(queued);   // kernel/linux-next#42 once it runs

            // later, for the BuildInfo of the completed build (BuildIntegration.onBuildComplete)
            List<FetchedArtifact> kernels = systems.fetchArtifacts(build,
                    a -> a.kind() == ArtifactKind.KERNEL_IMAGE, dir, 512L * 1024 * 1024);
            // end::systems[]

            assertThat(started).contains("kernel/linux-next#42");
            assertThat(kernels).singleElement().satisfies(k -> {
                assertThat(k.path()).isEqualTo(dir.toAbsolutePath().resolve("arch/arm64/boot/Image.gz"));
                assertThat(k.sizeBytes()).isEqualTo(4);
            });
        } finally {
            jenkins.stop();
        }
    }
}
