package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet in docs/http.md, compiled and run against a stand-in GitHub. */
class HttpTransportUsageTest {
    private static WireMockServer github;
    private static WireMockServer blobs;

    @BeforeAll
    static void start() {
        github = Stubs.server();
        blobs = Stubs.otherServer();
    }


    @BeforeEach
    void reset() {
        github.resetAll();
        blobs.resetAll();
    }

    @Test
    void theDocumentedUsageWorks(@TempDir Path dir) {
        github.stubFor(any(urlPathEqualTo("/repos/o/r/commits/abc/status")).willReturn(okJson("{\"state\":\"success\"}")));
        github.stubFor(any(urlPathEqualTo("/repos/o/r/statuses/abc")).willReturn(status(201)));
        github.stubFor(any(urlPathEqualTo("/repos/o/r/actions/artifacts/1/zip")).willReturn(status(302)
                .withHeader("Location", Stubs.loopbackIp(blobs, "/a.zip?sig=x").toString())));
        blobs.stubFor(any(urlPathEqualTo("/a.zip")).willReturn(status(200).withBody(new byte[] {'P', 'K', 3, 4})));
        URI api = Stubs.localhost(github, "/");
        Secret token = Secret.of("ghp_example");
        String storageHost = "127.0.0.1"; // "*.blob.core.windows.net" and friends in production

        // tag::usage[]
        HttpTransport http = HttpTransport.builder()
                .requestTimeout(Duration.ofSeconds(20))
                .allowRedirectHosts(storageHost, "objects.githubusercontent.com")
                .meterRegistry(new SimpleMeterRegistry())
                .userAgent("cikit/0.1")
                .build();

        JsonNode combined = http.send(HttpCall.get(api.resolve("repos/o/r/commits/abc/status"))
                        .bearer(token)
                        .header("Accept", "application/vnd.github+json")
                        .operation("github.combined-status")
                        .build())
                .requireSuccess()          // HttpStatusException for non-2xx; retryable() tells 5xx/429 from 4xx
                .json();

        HttpReply created = http.send(HttpCall.post(api.resolve("repos/o/r/statuses/abc"))
                .bearer(token)
                .json(Map.of("state", "success", "context", "cikit/boot"))
                .operation("github.status")
                .build());                 // POST: not repeated unless the server surely did not process it

        Download zip = http.download(HttpCall.get(api.resolve("repos/o/r/actions/artifacts/1/zip"))
                .bearer(token)             // sent to the API only, never to the storage host it redirects to
                .operation("actions.artifact")
                .build(), dir.resolve("artifact.zip"), 512L * 1024 * 1024);
        // end::usage[]

        assertThat(combined.path("state").asText()).isEqualTo("success");
        assertThat(created.status()).isEqualTo(201);
        assertThat(zip.sizeBytes()).isEqualTo(4);
        github.verify(postRequestedFor(urlPathEqualTo("/repos/o/r/statuses/abc"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", equalTo("cikit/0.1")));
        blobs.verify(getRequestedFor(urlPathEqualTo("/a.zip")).withHeader("Authorization", absent()));
    }
}
