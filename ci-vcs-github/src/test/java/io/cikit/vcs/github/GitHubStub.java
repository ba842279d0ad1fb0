package io.cikit.vcs.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.config.Secret;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import io.cikit.core.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A WireMock server playing GitHub, shared by the client tests of this JVM (each test resets it), and fast clients. */
final class GitHubStub {
    static final Secret TOKEN = Secret.of("ghp_test_token");

    private static WireMockServer server;

    private GitHubStub() {
    }

    static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(20));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wiremock-stop"));
        }
        return server;
    }

    static URI base() {
        return URI.create("http://localhost:" + server().port() + "/");
    }

    /** A transport with short waits, so retry and rate-limit scenarios run in milliseconds. */
    static HttpTransport fastTransport() {
        return HttpTransport.builder()
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(3)
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(5))
                        .secondaryRateLimitWait(Duration.ofMillis(20))
                        .maxRetryAfter(Duration.ofSeconds(3))
                        .build())
                .requestTimeout(Duration.ofSeconds(5))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    static GitHubClient.Builder clientBuilder() {
        return GitHubClient.builder().apiUrl(base()).token(TOKEN).transport(fastTransport());
    }

    static GitHubClient client() {
        return clientBuilder().build();
    }

    static MappingBuilder stub(MappingBuilder mapping) {
        server().stubFor(mapping);
        return mapping;
    }

    static List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return server().findAll(pattern);
    }

    static JsonNode body(LoggedRequest request) {
        return Json.read(request.getBodyAsString().getBytes(StandardCharsets.UTF_8));
    }
}
