package io.cikit.notify.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.DeliveryException;
import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.testkit.notify.NotificationChannelContract;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackWebhookChannelTest extends NotificationChannelContract {
    private static final String HOOK = "/services/T000/B000/secretpart";
    private WireMockServer slack;

    @BeforeEach
    void startSlack() {
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
    }

    @AfterEach
    void stopSlack() {
        slack.stop();
    }

    @Override
    protected NotificationChannel createChannel() {
        return SlackChannel.builder().webhook(URI.create(slack.baseUrl() + HOOK)).timeout(Duration.ofSeconds(2)).build();
    }

    @Override
    protected String expectedName() {
        return "slack";
    }

    @Override
    protected void destinationAccepts() {
        answer(200, "ok");
    }

    @Override
    protected void destinationRefusesPermanently() {
        answer(404, "channel_not_found");
    }

    @Override
    protected void destinationFailsTransiently() {
        answer(500, "rollup_error");
    }

    @Override
    protected void destinationUnreachable() {
        slack.resetMappings();
        slack.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Override
    protected boolean destinationRateLimits(Duration retryAfter) {
        slack.resetMappings();
        slack.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds())).withBody("rate_limited")));
        return true;
    }

    @Override
    protected int deliveriesReceived() {
        return (int) slack.getServeEvents().getRequests().stream()
                .filter(e -> e.getResponse().getStatus() == 200).count();
    }

    @Override
    protected Optional<List<String>> idempotencyKeysReceived() {
        List<LoggedRequest> requests = slack.findAll(postRequestedFor(urlEqualTo(HOOK)));
        return Optional.of(requests.stream().map(r -> r.getHeader(SlackChannel.IDEMPOTENCY_HEADER)).toList());
    }

    private void answer(int status, String body) {
        slack.resetMappings();
        slack.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/plain").withBody(body)));
    }

    @Test
    void theWebhookReceivesBlockKitWithHeaderFieldsAndLinks() {
        destinationAccepts();
        Notification n = sample().toBuilder().meta("log", "https://lava.example/job/42").build();

        channel().deliver(n, key());

        LoggedRequest request = slack.findAll(postRequestedFor(urlEqualTo(HOOK))).get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = Json.read(request.getBody());
        assertThat(body.path("text").asText()).isEqualTo("[ERROR] ltp.sem01 failed on rpi4-03");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo(":x: ltp.sem01 failed on rpi4-03");
        assertThat(blocks.get(1).path("text").path("text").asText()).startsWith("sem01: timed out after 300 s");
        JsonNode fields = blocks.get(2).path("fields");
        assertThat(fields.get(0).path("text").asText()).isEqualTo("*board*\nrpi4-03");
        assertThat(fields.get(2).path("text").asText())
                .isEqualTo("*log*\n<https://lava.example/job/42|https://lava.example/job/42>");
        String context = blocks.get(3).path("elements").get(0).path("text").asText();
        assertThat(context).contains("*ERROR*", "test `ltp.sem01`", "failure F-42", "<@U0LAB>");
    }

    @Test
    void hostileMarkupIsEscapedNotInterpreted() {
        destinationAccepts();
        Notification n = sample().toBuilder().message("<!channel> <https://evil|click> & more").build();

        channel().deliver(n, key());

        JsonNode body = Json.read(slack.findAll(postRequestedFor(urlEqualTo(HOOK))).get(0).getBody());
        assertThat(body.path("blocks").get(1).path("text").path("text").asText())
                .isEqualTo("&lt;!channel&gt; &lt;https://evil|click&gt; &amp; more");
    }

    @ParameterizedTest(name = "{0} {1} is permanent")
    @CsvSource({"400, invalid_payload", "400, no_text", "400, invalid_blocks", "403, action_prohibited",
            "404, channel_not_found", "410, channel_is_archived"})
    void documentedRefusalsArePermanentAndNameSlacksError(int status, String error) {
        answer(status, error);

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().deliver(sample(), key()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(Integer.toString(status), error).doesNotContain("secretpart");
    }

    @Test
    void rollupErrorIsRetryable() {
        answer(500, "rollup_error");

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().deliver(sample(), key()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void rateLimitedCarriesSlacksRetryAfterAndIsNotWaitedInsideTheCall() {
        destinationRateLimits(Duration.ofSeconds(30));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().deliver(sample(), key()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(HOOK)))).hasSize(1);
    }

    @Test
    void aServerErrorThenSuccessDeliversOnTheNextAttempt() {
        slack.stubFor(post(urlEqualTo(HOOK)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("rollup_error")).willSetStateTo("up"));
        slack.stubFor(post(urlEqualTo(HOOK)).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        String key = key();

        DeliveryException first = catchThrowableOfType(DeliveryException.class, () -> channel().deliver(sample(), key));
        channel().deliver(sample(), key);

        assertThat(first.retryable()).isTrue();
        List<LoggedRequest> requests = slack.findAll(postRequestedFor(urlEqualTo(HOOK)));
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(r -> assertThat(r.getHeader(SlackChannel.IDEMPOTENCY_HEADER)).isEqualTo(key));
        slack.verify(2, postRequestedFor(urlEqualTo(HOOK)).withHeader(SlackChannel.IDEMPOTENCY_HEADER, equalTo(key)));
    }

    @Test
    void everyHostileNotificationIsSentWithinSlacksLimits() {
        destinationAccepts();
        for (Notification n : hostileNotifications()) {
            channel().deliver(n, key());
        }
        for (LoggedRequest r : slack.findAll(postRequestedFor(urlEqualTo(HOOK)))) {
            String json = new String(r.getBody(), StandardCharsets.UTF_8);
            SlackLimitsCheck.assertWithinLimits(Json.read(r.getBody()));
            assertThat(json).doesNotContain("\\ud800", "\\udfff");
        }
    }
}
