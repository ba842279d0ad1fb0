package io.cikit.core.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.DeliveryException;
import io.cikit.core.config.Secret;
import io.cikit.core.json.Json;
import io.cikit.core.webhook.Signatures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generic webhook channel against WireMock playing the host's receiver. */
class WebhookChannelTest {
    private static final String PATH = "/hooks/cikit";
    private static final Secret SECRET = Secret.of("s3cret-signing-key");

    // one server for the class, reset (stubs, scenarios, request log) before every test
    @RegisterExtension
    static final WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private URI url() {
        return URI.create(receiver.baseUrl() + PATH + "?token=urltoken");
    }

    private WebhookChannel.Builder channel() {
        return WebhookChannel.builder().url(url()).timeout(Duration.ofSeconds(2));
    }

    private void answer(int status, String body) {
        receiver.resetMappings();
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private List<LoggedRequest> requests() {
        return receiver.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    private static Notification sample() {
        return Notification.builder()
                .id("n-42")
                .title("ltp.sem01 failed on rpi4-03")
                .message("sem01: timed out\nlog: https://lava.example/42")
                .severity(Severity.ERROR)
                .channels("webhook")
                .recipient(Recipient.email("Lab team", "lab@example.org").withSlackUserId("U0LAB"))
                .meta(Notification.BOARD, "rpi4-03")
                .meta(Notification.BRANCH, "main")
                .testId("ltp.sem01")
                .timestamp(Instant.parse("2026-03-01T10:00:00Z"))
                .build();
    }

    @Test
    void theBodyIsTheDocumentedJsonShapeWithTheIdempotencyKeyInAHeader() {
        answer(204, "");

        try (WebhookChannel ch = channel().build()) {
            ch.deliver(sample(), "k-0001");
        }

        LoggedRequest r = requests().get(0);
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        assertThat(r.getHeader(WebhookChannel.IDEMPOTENCY_HEADER)).isEqualTo("k-0001");
        assertThat(r.containsHeader(WebhookChannel.DEFAULT_SIGNATURE_HEADER)).as("unsigned without a secret").isFalse();
        JsonNode body = Json.read(r.getBody());
        List<String> fields = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("version", "id", "idempotencyKey", "title", "message", "severity", "testId",
                "failureId", "groupKey", "metadata", "recipients", "timestamp");
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("id").asText()).isEqualTo("n-42");
        assertThat(body.path("idempotencyKey").asText()).isEqualTo("k-0001");
        assertThat(body.path("title").asText()).isEqualTo("ltp.sem01 failed on rpi4-03");
        assertThat(body.path("message").asText()).isEqualTo("sem01: timed out\nlog: https://lava.example/42");
        assertThat(body.path("severity").asText()).isEqualTo("error");
        assertThat(body.path("testId").asText()).isEqualTo("ltp.sem01");
        assertThat(body.path("failureId").isNull()).isTrue();
        assertThat(body.path("groupKey").isNull()).isTrue();
        assertThat(body.path("metadata").path("board").asText()).isEqualTo("rpi4-03");
        assertThat(body.path("metadata").path("branch").asText()).isEqualTo("main");
        JsonNode recipient = body.path("recipients").get(0);
        assertThat(recipient.path("name").asText()).isEqualTo("Lab team");
        assertThat(recipient.path("email").asText()).isEqualTo("lab@example.org");
        assertThat(recipient.path("slackUserId").asText()).isEqualTo("U0LAB");
        assertThat(recipient.path("teamsUserId").isNull()).isTrue();
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-03-01T10:00:00Z");
    }

    @Test
    void aSignedBodyCarriesAnHmacTheReceiverCanRecompute() throws Exception {
        answer(200, "ok");

        try (WebhookChannel ch = channel().signingSecret(SECRET).build()) {
            ch.deliver(sample(), "k-0002");
        }

        LoggedRequest r = requests().get(0);
        String presented = r.getHeader(WebhookChannel.DEFAULT_SIGNATURE_HEADER);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(presented).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.getBody())));
        assertThat(Signatures.verifyHmacSha256(presented, r.getBody(), List.of(SECRET))).isTrue();
        assertThat(Signatures.verifyHmacSha256(presented, r.getBody(), List.of(Secret.of("other")))).isFalse();
    }

    @Test
    void theSignatureHeaderNameAndExtraHeadersAreConfigurableAndNeverShown() {
        answer(200, "ok");
        WebhookChannel ch = channel().signingSecret(SECRET).signatureHeader("X-Lab-Signature")
                .header("Authorization", Secret.of("Bearer hdr-token")).header("X-Tenant", Secret.of("lab-7")).build();

        ch.deliver(sample(), "k-0003");

        LoggedRequest r = requests().get(0);
        assertThat(r.getHeader("X-Lab-Signature")).isEqualTo(WebhookChannel.signature(SECRET, r.getBody()));
        assertThat(r.containsHeader(WebhookChannel.DEFAULT_SIGNATURE_HEADER)).isFalse();
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer hdr-token");
        assertThat(r.getHeader("X-Tenant")).isEqualTo("lab-7");
        assertThat(ch.toString()).contains("X-Lab-Signature").contains("2 extra headers")
                .doesNotContain("hdr-token").doesNotContain("urltoken").doesNotContain("s3cret").doesNotContain(PATH);
    }

    @Test
    void extraHeadersCannotReplaceTheOnesTheChannelSets() {
        assertThatThrownBy(() -> channel().header(WebhookChannel.IDEMPOTENCY_HEADER.toLowerCase(java.util.Locale.ROOT),
                Secret.of("x")).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> channel().signingSecret(SECRET).header(WebhookChannel.DEFAULT_SIGNATURE_HEADER,
                Secret.of("x")).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> channel().header("Content-Length", Secret.of("1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> channel().header("Bad Name", Secret.of("1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookChannel.builder().url(URI.create("ftp://x.example/h")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookChannel.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLongRetryAfterGoesBackToTheDispatcherWithoutWaitingInsideTheCall() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().build().deliver(sample(), "k"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(requests()).hasSize(1);
    }

    @Test
    void a503WithRetryAfterIsRetryableAfterThatWait() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().build().deliver(sample(), "k"));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aShortRetryAfterIsWaitedOutByTheTransportAndTheSameDeliveryGoesAgain() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200)));

        long start = System.nanoTime();
        channel().signingSecret(SECRET).build().deliver(sample(), "k-rl");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(requests()).hasSize(2).allSatisfy(r -> assertThat(r.getHeader(WebhookChannel.IDEMPOTENCY_HEADER)).isEqualTo("k-rl"));
    }

    @Test
    void a500ThenSuccessIsDeliveredWithTheSameKeyAndSignature() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("rollup")).willSetStateTo("fine"));
        receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("fine")
                .willReturn(aResponse().withStatus(202)));

        channel().signingSecret(SECRET).build().deliver(sample(), "k-500");

        List<LoggedRequest> all = requests();
        assertThat(all).hasSize(2);
        assertThat(all).extracting(r -> r.getHeader(WebhookChannel.IDEMPOTENCY_HEADER)).containsOnly("k-500");
        assertThat(all.get(1).getBody()).isEqualTo(all.get(0).getBody());
        assertThat(all.get(1).getHeader(WebhookChannel.DEFAULT_SIGNATURE_HEADER))
                .isEqualTo(all.get(0).getHeader(WebhookChannel.DEFAULT_SIGNATURE_HEADER));
    }

    @Test
    void aPersistent5xxIsRetryableOnceTheTransportsAttemptsAreUsed() {
        answer(502, "bad gateway");

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().build().deliver(sample(), "k"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("502").contains("bad gateway").doesNotContain("urltoken");
        assertThat(requests()).hasSize(WebhookChannel.DEFAULT_ATTEMPTS);
    }

    @ParameterizedTest(name = "HTTP {0} is permanent and not repeated")
    @ValueSource(ints = {400, 401, 404, 410, 413, 422})
    void otherClientErrorsArePermanent(int status) {
        answer(status, "{\"error\":\"no\"}");

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().build().deliver(sample(), "k"));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(Integer.toString(status));
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aServerSlowerThanTheTimeoutIsARetryableFailure() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> WebhookChannel.builder().url(url())
                .timeout(Duration.ofMillis(300)).build().deliver(sample(), "k"));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain("urltoken");
    }

    @Test
    void aRedirectToAnotherHostIsRefusedWithoutFollowingIt() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "https://elsewhere.example/steal")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel().signingSecret(SECRET).build().deliver(sample(), "k"));

        assertThat(e.retryable()).isFalse();
        assertThat(requests()).hasSize(1);
    }
}
