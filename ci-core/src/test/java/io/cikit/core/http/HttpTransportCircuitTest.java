package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportCircuitTest {
    private static final Duration OPEN = Duration.ofSeconds(30);

    private static WireMockServer server;

    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpTransport transport;

    @BeforeAll
    static void start() {
        server = Stubs.server();
    }


    @BeforeEach
    void reset() {
        server.resetAll();
        transport = HttpTransport.builder()
                .meterRegistry(registry)
                .clock(clock)
                .sleeper(new RecordingSleeper())
                .retryPolicy(RetryPolicy.none())
                .circuitBreaker(new CircuitBreakerSettings(3, OPEN))
                .build();
    }

    private HttpReply call() {
        return transport.send(HttpCall.get(Stubs.localhost(server, "/api")).build());
    }

    private void failThreeTimes() {
        server.stubFor(any(urlPathEqualTo("/api")).willReturn(status(500)));
        for (int i = 0; i < 3; i++) {
            assertThat(call().status()).isEqualTo(500);
        }
    }

    @Test
    void opensAfterTheThresholdAndThenFailsFastWithoutCallingTheServer() {
        failThreeTimes();

        assertThatThrownBy(this::call)
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.reason()).isEqualTo(HttpTransportException.Reason.CIRCUIT_OPEN);
                    assertThat(e.host()).isEqualTo("localhost:" + server.port());
                    assertThat(e.retryIn()).isEqualTo(OPEN);
                });
        server.verify(3, anyRequestedFor(urlPathEqualTo("/api")));
        assertThat(registry.get("cikit.http.client.circuit.opened").counter().count()).isEqualTo(1.0);
    }

    @Test
    void halfOpensAfterTheOpenDurationAndClosesOnASuccessfulTrial() {
        failThreeTimes();
        clock.advance(OPEN.minusSeconds(1));
        assertThatThrownBy(this::call).isInstanceOf(CircuitOpenException.class);

        clock.advance(Duration.ofSeconds(1));
        server.stubFor(any(urlPathEqualTo("/api")).willReturn(ok("back")));

        assertThat(call().text()).isEqualTo("back");
        assertThat(call().text()).isEqualTo("back");
        server.verify(5, anyRequestedFor(urlPathEqualTo("/api")));
    }

    @Test
    void aFailedTrialOpensTheCircuitAgain() {
        failThreeTimes();
        clock.advance(OPEN);

        assertThat(call().status()).isEqualTo(500);
        assertThatThrownBy(this::call).isInstanceOf(CircuitOpenException.class);

        server.verify(4, anyRequestedFor(urlPathEqualTo("/api")));
        assertThat(registry.get("cikit.http.client.circuit.opened").counter().count()).isEqualTo(2.0);
    }

    @Test
    void clientErrorsShowTheHostIsAliveAndResetTheCount() {
        server.stubFor(any(urlPathEqualTo("/api")).willReturn(status(500)));
        call();
        call();
        server.stubFor(any(urlPathEqualTo("/api")).willReturn(status(404)));
        call();
        server.stubFor(any(urlPathEqualTo("/api")).willReturn(status(500)));
        call();
        call();

        assertThat(call().status()).isEqualTo(500);
        server.verify(6, anyRequestedFor(urlPathEqualTo("/api")));
    }

    @Test
    void eachHostHasItsOwnCircuit() {
        failThreeTimes();
        server.stubFor(any(urlPathEqualTo("/api")).willReturn(ok("other host")));

        HttpReply viaIp = transport.send(HttpCall.get(Stubs.loopbackIp(server, "/api")).build());

        assertThat(viaIp.text()).isEqualTo("other host");
        assertThatThrownBy(this::call).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void whenTheCircuitOpensDuringRetriesTheLastReplyIsReturned() {
        HttpTransport retrying = HttpTransport.builder()
                .meterRegistry(registry)
                .clock(clock)
                .sleeper(new RecordingSleeper())
                .retryPolicy(RetryPolicy.builder().maxAttempts(5).initialBackoff(Duration.ofMillis(1)).build())
                .circuitBreaker(new CircuitBreakerSettings(2, OPEN))
                .build();
        server.stubFor(any(urlPathEqualTo("/api")).willReturn(status(503)));

        HttpReply reply = retrying.send(HttpCall.get(Stubs.localhost(server, "/api")).build());

        assertThat(reply.status()).isEqualTo(503);
        server.verify(2, anyRequestedFor(urlPathEqualTo("/api")));
    }
}
