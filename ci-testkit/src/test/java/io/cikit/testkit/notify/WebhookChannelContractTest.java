package io.cikit.testkit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.cikit.core.config.Secret;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.WebhookChannel;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** ci-core's generic {@code webhook} channel meets the channel contract, against WireMock playing the receiver. */
class WebhookChannelContractTest extends NotificationChannelContract {
    private static final String PATH = "/hooks/cikit";
    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    @Override
    protected NotificationChannel createChannel() {
        // one attempt per call keeps the failure tests quick; the default transport's retries have their own tests
        return WebhookChannel.builder()
                .url(URI.create(receiver.baseUrl() + PATH))
                .signingSecret(Secret.of("contract-secret"))
                .transport(HttpTransport.builder().requestTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2))
                        .retryPolicy(RetryPolicy.none()).build())
                .build();
    }

    @Override
    protected String expectedName() {
        return "webhook";
    }

    @Override
    protected void destinationAccepts() {
        answer(204);
    }

    @Override
    protected void destinationRefusesPermanently() {
        answer(422);
    }

    @Override
    protected void destinationFailsTransiently() {
        answer(500);
    }

    @Override
    protected void destinationUnreachable() {
        receiver.resetMappings();
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Override
    protected boolean destinationRateLimits(Duration retryAfter) {
        receiver.resetMappings();
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()))));
        return true;
    }

    @Override
    protected int deliveriesReceived() {
        return (int) receiver.getServeEvents().getRequests().stream().filter(e -> e.getResponse().getStatus() == 204).count();
    }

    @Override
    protected Optional<List<String>> idempotencyKeysReceived() {
        return Optional.of(receiver.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
                .map(r -> r.getHeader(WebhookChannel.IDEMPOTENCY_HEADER)).toList());
    }

    private void answer(int status) {
        receiver.resetMappings();
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)));
    }
}
