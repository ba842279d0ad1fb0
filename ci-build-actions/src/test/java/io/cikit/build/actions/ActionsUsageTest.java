package io.cikit.build.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.cikit.build.actions.ActionsStub.BLOBS;
import static io.cikit.build.actions.ActionsStub.GITHUB;
import static io.cikit.build.actions.ActionsStub.HOSTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.build.BuildInfo;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.http.Download;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.webhook.Webhooks;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets in docs/build-actions.md, compiled and run against the module's stand-in GitHub and blob store. */
class ActionsUsageTest {

    @Test
    void theSnippetsWork(@TempDir Path dir) {
        HOSTS.reset();
        URI apiUrl = HOSTS.apiUrl("/");
        String storageHost = "127.0.0.1";
        GITHUB.stubFor(get(urlPathEqualTo("/repos/lab/linux/actions/runs/77/artifacts")).willReturn(okJson(
                "{\"total_count\":1,\"artifacts\":[{\"id\":5,\"name\":\"kernel\",\"size_in_bytes\":4,\"expired\":false,"
                        + "\"archive_download_url\":\"" + apiUrl + "repos/lab/linux/actions/artifacts/5/zip\"}]}")));
        GITHUB.stubFor(get(urlPathEqualTo("/repos/lab/linux/actions/artifacts/5/zip")).willReturn(status(302)
                .withHeader("Location", HOSTS.storageUrl("/kernel.zip?sig=x"))));
        BLOBS.stubFor(get(urlPathEqualTo("/kernel.zip")).willReturn(aResponse().withStatus(200)
                .withBody(new byte[] {'P', 'K', 3, 4})));
        GITHUB.stubFor(post(urlPathEqualTo("/repos/lab/linux/actions/workflows/build.yml/dispatches"))
                .willReturn(status(204)));
        Secret token = Secret.of("ghs_example");
        List<BuildInfo> completed = new ArrayList<>();

        // tag::endpoint[]
        Webhooks webhooks = Webhooks.builder()          // discovers ci-vcs-github's parser and this module's
                .secret("github", Secret.of("It's a Secret to Everybody"))
                .on(BuildEvent.class, event -> {
                    BuildInfo build = event.build();
                    if (build.system().equals("actions") && build.complete()) {
                        completed.add(build);
                    }
                })
                .build();
        // end::endpoint[]

        // tag::client[]
        HttpTransport http = HttpTransport.builder()
                .allowRedirectHosts(storageHost)           // production: ActionsClient.DEFAULT_ARTIFACT_HOSTS
                .build();
        ActionsClient actions = ActionsClient.builder(token).apiUrl(apiUrl).transport(http).build();

        List<Download> zips = new ArrayList<>();
        for (ActionsArtifact artifact : actions.artifacts("lab/linux", 77)) {
            if (!artifact.expired()) {                 // expired ones would throw ArtifactExpiredException
                zips.add(actions.download(artifact, dir.resolve(artifact.name() + ".zip")));
            }
        }
        Optional<DispatchedRun> run = actions.dispatch("lab/linux", "build.yml", "main", Map.of("defconfig", "arm64"));
        // end::client[]

        byte[] job = Fixtures.bytes(Fixtures.JOB);
        webhooks.handle(io.cikit.core.webhook.WebhookRequest.of(io.cikit.core.http.Headers.of(
                "X-GitHub-Event", "workflow_job", "X-GitHub-Delivery", "d-1", "Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + io.cikit.core.webhook.Signatures.hmacSha256Hex(
                        "It's a Secret to Everybody".getBytes(java.nio.charset.StandardCharsets.UTF_8), job)), job));
        assertThat(completed).singleElement().satisfies(b -> assertThat(b.job()).isEqualTo("CodeQL / linters"));
        assertThat(run).as("the stand-in answers 204").isEmpty();
        assertThat(zips).singleElement().satisfies(z -> assertThat(z.sizeBytes()).isEqualTo(4));
        assertThat(dir.resolve("kernel.zip")).hasBinaryContent(new byte[] {'P', 'K', 3, 4});
    }
}
