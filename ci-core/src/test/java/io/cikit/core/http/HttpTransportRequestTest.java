package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportRequestTest {
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = Stubs.server();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static HttpTransport.Builder transport() {
        return HttpTransport.builder().meterRegistry(new SimpleMeterRegistry()).retryPolicy(RetryPolicy.none());
    }

    @Test
    void headersSecretsAndTheDefaultUserAgentAreSent() {
        server.stubFor(any(urlPathEqualTo("/api/v4/projects/1/statuses/abc")).willReturn(ok()));

        transport().build().send(HttpCall.put(Stubs.localhost(server, "/api/v4/projects/1/statuses/abc"))
                .header("PRIVATE-TOKEN", Secret.of("glpat-1"))
                .header("Accept", "application/json")
                .json(java.util.Map.of("state", "running"))
                .build());

        server.verify(putRequestedFor(urlPathEqualTo("/api/v4/projects/1/statuses/abc"))
                .withHeader("PRIVATE-TOKEN", equalTo("glpat-1"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", equalTo("cikit")));
    }

    @Test
    void aCallsOwnUserAgentWins() {
        server.stubFor(any(urlPathEqualTo("/ua")).willReturn(ok()));

        transport().userAgent("cikit/0.1").build()
                .send(HttpCall.get(Stubs.localhost(server, "/ua")).header("User-Agent", "lab-bot/2").build());

        server.verify(getRequestedFor(urlPathEqualTo("/ua")).withHeader("User-Agent", equalTo("lab-bot/2")));
    }

    @Test
    void aHeadReplyDeclaringABigLengthIsNotMistakenForABigBody() {
        server.stubFor(any(urlPathEqualTo("/big")).willReturn(ok().withHeader("Content-Length", "5000000")));

        HttpReply reply = transport().maxReplyBytes(1000).build().send(HttpCall.head(Stubs.localhost(server, "/big")).build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        server.verify(headRequestedFor(urlPathEqualTo("/big")));
    }

    @Test
    void aReplyOverTheMemoryLimitFailsWithoutRetrying() {
        server.stubFor(any(urlPathEqualTo("/huge")).willReturn(ok("x".repeat(5000))));
        HttpTransport t = transport().maxReplyBytes(1000)
                .retryPolicy(RetryPolicy.builder().initialBackoff(java.time.Duration.ofMillis(1)).build()).build();

        assertThatThrownBy(() -> t.send(HttpCall.get(Stubs.localhost(server, "/huge")).build()))
                .isInstanceOfSatisfying(ReplyTooLargeException.class, e -> {
                    assertThat(e.limitBytes()).isEqualTo(1000);
                    assertThat(e.retryable()).isFalse();
                });
        server.verify(1, getRequestedFor(urlPathEqualTo("/huge")));
    }

    @Test
    void aStreamedReplyOverTheMemoryLimitIsCut() {
        server.stubFor(any(urlPathEqualTo("/huge")).willReturn(ok("x".repeat(5000)).withChunkedDribbleDelay(5, 50)));

        assertThatThrownBy(() -> transport().maxReplyBytes(1000).build()
                .send(HttpCall.get(Stubs.localhost(server, "/huge")).build()))
                .isInstanceOf(ReplyTooLargeException.class)
                .hasMessageContaining("stream went past the limit");
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> HttpTransport.builder().connectTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTransport.builder().requestTimeout(java.time.Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTransport.builder().allowRedirectHosts("evil.example/path"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTransport.builder().userAgent("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpTransport.builder().maxReplyBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(21).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreakerSettings(0, java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(4, java.time.Duration.ofMillis(200),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(60)));
        assertThat(CircuitBreakerSettings.DEFAULT).isEqualTo(new CircuitBreakerSettings(5, java.time.Duration.ofSeconds(30)));
    }
}
