package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.cikit.core.config.Secret;
import io.cikit.core.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportRetryTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final String SECONDARY_BODY =
            "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}";

    private static WireMockServer server;

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        server = Stubs.server();
    }


    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private HttpTransport.Builder transport() {
        return HttpTransport.builder()
                .meterRegistry(registry)
                .clock(new ManualClock(NOW))
                .sleeper(sleeper)
                .requestTimeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.builder()
                        .initialBackoff(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(50))
                        .secondaryRateLimitWait(Duration.ofMillis(50))
                        .build());
    }

    private static HttpReply get(HttpTransport t, String path) {
        return t.send(HttpCall.get(Stubs.localhost(server, path)).build());
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsWaitsThatLongThenSucceeds() {
        Stubs.sequence(server, "/limited", status(429).withHeader("Retry-After", "1"), ok("done"));

        HttpReply reply = get(transport().build(), "/limited");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("done");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
        server.verify(2, anyRequestedFor(urlPathEqualTo("/limited")));
    }

    @Test
    void tooManyRequestsWithAnHttpDateWaitsUntilThatDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(1).atOffset(ZoneOffset.UTC));
        Stubs.sequence(server, "/dated", status(429).withHeader("Retry-After", date), ok("done"));

        HttpReply reply = get(transport().build(), "/dated");

        assertThat(date).endsWith("GMT");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void githubPrimaryLimitWaitsUntilTheResetTime() {
        Stubs.sequence(server, "/repos/o/r",
                status(403)
                        .withHeader("x-ratelimit-limit", "5000")
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 1))
                        .withBody("{\"message\":\"API rate limit exceeded\"}"),
                ok("{}"));

        HttpReply reply = get(transport().build(), "/repos/o/r");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void gitlabRateLimitHeadersAreHonoured() {
        Stubs.sequence(server, "/api/v4/projects",
                status(429).withHeader("RateLimit-Remaining", "0")
                        .withHeader("RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 1)),
                ok("[]"));

        HttpReply reply = get(transport().build(), "/api/v4/projects");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void githubSecondaryLimitWithoutRetryAfterWaitsTheConfiguredTimeThenBacksOff() {
        Stubs.sequence(server, "/comments",
                status(403).withBody(SECONDARY_BODY),
                status(403).withBody(SECONDARY_BODY),
                ok("{}"));

        HttpReply reply = get(transport().build(), "/comments");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void githubSecondaryLimitWithRetryAfterWaitsAsTold() {
        Stubs.sequence(server, "/comments",
                status(403).withHeader("Retry-After", "1").withBody(SECONDARY_BODY),
                ok("{}"));

        HttpReply reply = get(transport().build(), "/comments");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aServerToldWaitLongerThanTheCapIsNotWaitedAndTheReplyIsReturned() {
        server.stubFor(any(urlPathEqualTo("/slow-down")).willReturn(status(429).withHeader("Retry-After", "3600")));

        HttpReply reply = get(transport().build(), "/slow-down");

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.retryAfter()).contains(Duration.ofHours(1));
        assertThat(sleeper.waits()).isEmpty();
        server.verify(1, anyRequestedFor(urlPathEqualTo("/slow-down")));
        assertThat(registry.get("cikit.http.client.rate.limited").tag("outcome", "returned").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aForbiddenReplyWithoutRateLimitSignsIsNotRetried() {
        server.stubFor(any(urlPathEqualTo("/private")).willReturn(status(403).withBody("{\"message\":\"nope\"}")));

        HttpReply reply = get(transport().build(), "/private");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(sleeper.waits()).isEmpty();
        server.verify(1, anyRequestedFor(urlPathEqualTo("/private")));
    }

    @Test
    void notFoundIsReturnedAtOnceForTheCallerToJudge() {
        server.stubFor(any(urlPathEqualTo("/missing")).willReturn(status(404).withBody("not here")));

        HttpReply reply = get(transport().build(), "/missing");

        assertThat(reply.status()).isEqualTo(404);
        server.verify(1, anyRequestedFor(urlPathEqualTo("/missing")));
        assertThatThrownBy(reply::requireSuccess)
                .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.bodySnippet()).isEqualTo("not here");
                });
    }

    @Test
    void aBurstOfServiceUnavailableIsRetriedWithBoundedJitteredBackoff() {
        Stubs.sequence(server, "/flaky", status(503), status(503), status(503), ok("up"));

        HttpReply reply = get(transport().build(), "/flaky");

        assertThat(reply.status()).isEqualTo(200);
        server.verify(4, anyRequestedFor(urlPathEqualTo("/flaky")));
        assertThat(sleeper.waits()).hasSize(3);
        assertThat(sleeper.waits().get(0)).isBetween(Duration.ZERO, Duration.ofMillis(10));
        assertThat(sleeper.waits().get(1)).isBetween(Duration.ZERO, Duration.ofMillis(20));
        assertThat(sleeper.waits().get(2)).isBetween(Duration.ZERO, Duration.ofMillis(40));
    }

    @Test
    void persistentServerErrorsReturnTheLastReplyOnceAttemptsAreUsedUp() {
        server.stubFor(any(urlPathEqualTo("/down")).willReturn(status(502).withBody("bad gateway")));

        HttpReply reply = get(transport().build(), "/down");

        assertThat(reply.status()).isEqualTo(502);
        server.verify(4, anyRequestedFor(urlPathEqualTo("/down")));
        assertThatThrownBy(reply::requireSuccess)
                .isInstanceOfSatisfying(HttpStatusException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aConnectionResetByThePeerIsRetried() {
        // the JDK client itself repeats an idempotent request once when the connection dies before any reply,
        // so two resets are needed to be sure the transport's own retry is exercised
        Stubs.sequence(server, "/reset",
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                ok("fine"));

        HttpReply reply = get(transport().build(), "/reset");

        assertThat(reply.text()).isEqualTo("fine");
        server.verify(3, anyRequestedFor(urlPathEqualTo("/reset")));
        assertThat(registry.get("cikit.http.client.requests").tag("status", "IO_ERROR").timer().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("cikit.http.client.retries").tag("reason", "IO").counter().count())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aResponseSlowerThanTheRequestTimeoutFailsAfterEveryAttempt() {
        server.stubFor(any(urlPathEqualTo("/slow")).willReturn(ok("late").withFixedDelay(1000)));
        HttpTransport t = transport()
                .requestTimeout(Duration.ofMillis(150))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(1)).build())
                .build();

        assertThatThrownBy(() -> get(t, "/slow"))
                .isInstanceOfSatisfying(HttpTransportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HttpTransportException.Reason.TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e).hasMessageContaining("after 2 attempts");
                });
        assertThat(registry.get("cikit.http.client.requests").tag("status", "IO_ERROR").timer().count()).isEqualTo(2);
    }

    @Test
    void aPerCallTimeoutOverridesTheTransportTimeout() {
        server.stubFor(any(urlPathEqualTo("/slow")).willReturn(ok("late").withFixedDelay(600)));
        HttpTransport t = transport().retryPolicy(RetryPolicy.none()).build();

        assertThatThrownBy(() -> t.send(HttpCall.get(Stubs.localhost(server, "/slow"))
                .timeout(Duration.ofMillis(100)).build()))
                .isInstanceOfSatisfying(HttpTransportException.class,
                        e -> assertThat(e.reason()).isEqualTo(HttpTransportException.Reason.TIMEOUT));
    }

    @Test
    void aNonIdempotentPostIsNotRetriedOnServerError() {
        server.stubFor(any(urlPathEqualTo("/statuses")).willReturn(status(500)));

        HttpReply reply = transport().build().send(HttpCall.post(Stubs.localhost(server, "/statuses"))
                .json(Map.of("state", "success")).build());

        assertThat(reply.status()).isEqualTo(500);
        server.verify(1, postRequestedFor(urlPathEqualTo("/statuses")));
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aNonIdempotentPostIsNotRetriedAfterTheConnectionBrokeMidway() {
        server.stubFor(any(urlPathEqualTo("/statuses")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> transport().build().send(HttpCall.post(Stubs.localhost(server, "/statuses"))
                .json(Map.of("state", "success")).build()))
                .isInstanceOfSatisfying(HttpTransportException.class,
                        e -> assertThat(e.reason()).isEqualTo(HttpTransportException.Reason.IO));
        server.verify(1, postRequestedFor(urlPathEqualTo("/statuses")));
    }

    @Test
    void aNonIdempotentPostIsRetriedWhenTheServerSaysTooManyRequestsWithRetryAfter() {
        Stubs.sequence(server, "/chat.postMessage", status(429).withHeader("Retry-After", "0"), ok("{\"ok\":true}"));

        HttpReply reply = transport().build().send(HttpCall.post(Stubs.localhost(server, "/chat.postMessage"))
                .bearer(Secret.of("xoxb-1")).json(Map.of("text", "hi")).build());

        assertThat(reply.status()).isEqualTo(200);
        server.verify(2, postRequestedFor(urlPathEqualTo("/chat.postMessage")));
    }

    @Test
    void aNonIdempotentPostIsNotRetriedOnTooManyRequestsWithoutAdvice() {
        server.stubFor(any(urlPathEqualTo("/hook")).willReturn(status(429)));

        HttpReply reply = transport().build().send(HttpCall.post(Stubs.localhost(server, "/hook"))
                .json(Map.of("text", "hi")).build());

        assertThat(reply.status()).isEqualTo(429);
        server.verify(1, postRequestedFor(urlPathEqualTo("/hook")));
    }

    @Test
    void anIdempotentPostIsRetriedLikeAGet() {
        Stubs.sequence(server, "/dispatch", status(502), ok(""));

        HttpReply reply = transport().build().send(HttpCall.post(Stubs.localhost(server, "/dispatch"))
                .idempotent(true).json(Map.of("ref", "main")).build());

        assertThat(reply.status()).isEqualTo(200);
        server.verify(2, postRequestedFor(urlPathEqualTo("/dispatch")));
    }

    @Test
    void aNonIdempotentPostIsRetriedWhenTheConnectionCouldNotBeMade() throws IOException {
        URI closed = unusedPort();
        HttpTransport t = transport().connectTimeout(Duration.ofSeconds(2)).build();

        assertThatThrownBy(() -> t.send(HttpCall.post(closed).json(Map.of("a", 1)).build()))
                .isInstanceOfSatisfying(HttpTransportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(HttpTransportException.Reason.CONNECT);
                    assertThat(e).hasMessageContaining("after 4 attempts");
                });
        assertThat(sleeper.waits()).hasSize(3);
        assertThat(registry.get("cikit.http.client.retries").counter().count()).isEqualTo(3);
    }

    private static URI unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/x");
        }
    }
}
