package io.cikit.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.config.Secret;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportMetricsTest {
    private static WireMockServer server;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        server = Stubs.server();
    }


    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void everyAttemptRetryAndRateLimitWaitIsMeteredWithBoundedTags() {
        Stubs.sequence(server, "/repos/o/r/statuses/abc",
                status(503), status(429).withHeader("Retry-After", "0"), ok("{}"));
        HttpTransport t = HttpTransport.builder()
                .meterRegistry(registry)
                .sleeper(new RecordingSleeper())
                .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).build())
                .build();

        HttpReply reply = t.send(HttpCall.get(Stubs.localhost(server, "/repos/o/r/statuses/abc?access_token=t0k"))
                .bearer(Secret.of("t0k")).operation("github.status").build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(registry.get("cikit.http.client.requests")
                .tags("host", "localhost", "method", "GET", "status", "503", "operation", "github.status")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("cikit.http.client.requests").tags("status", "429").timer().count()).isEqualTo(1);
        assertThat(registry.get("cikit.http.client.requests").tags("status", "200").timer().count()).isEqualTo(1);
        assertThat(registry.get("cikit.http.client.retries").tags("host", "localhost", "operation", "github.status")
                .counters()).extracting(c -> c.getId().getTag("reason")).containsExactlyInAnyOrder("503", "429");
        assertThat(registry.get("cikit.http.client.rate.limited")
                .tags("source", "retry_after", "outcome", "waited").counter().count()).isEqualTo(1.0);
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getTags().toString()).doesNotContain("t0k").doesNotContain("/repos");
        }
    }

    @Test
    void aTransportWithoutAnExplicitRegistryUsesTheGlobalOne() {
        server.stubFor(any(urlPathEqualTo("/global")).willReturn(ok()));
        io.micrometer.core.instrument.Metrics.addRegistry(registry);
        try {
            HttpTransport.builder().build().send(HttpCall.get(Stubs.localhost(server, "/global"))
                    .operation("global.check").build());
        } finally {
            io.micrometer.core.instrument.Metrics.removeRegistry(registry);
        }

        assertThat(registry.get("cikit.http.client.requests").tag("operation", "global.check").timer().count())
                .isEqualTo(1);
    }
}
