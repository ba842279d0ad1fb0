package io.cikit.examples.discord;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.DeliveryException;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.NotificationChannelProvider;
import io.cikit.core.notify.Severity;
import io.cikit.core.spi.Providers;
import io.cikit.testkit.notify.NotificationChannelContract;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example Discord channel: the channel contract plus Discord's own answers, against WireMock playing Discord. */
class DiscordChannelTest extends NotificationChannelContract {
    private static final String HOOK = "/api/webhooks/1234/tok-SECRET";
    private WireMockServer discord;

    @BeforeEach
    void startDiscord() {
        discord = new WireMockServer(wireMockConfig().dynamicPort());
        discord.start();
    }

    @AfterEach
    void stopDiscord() {
        discord.stop();
    }

    private URI hook() {
        return URI.create(discord.baseUrl() + HOOK);
    }

    @Override
    protected NotificationChannel createChannel() {
        return DiscordChannel.builder().webhook(hook()).timeout(Duration.ofSeconds(2)).build();
    }

    @Override
    protected String expectedName() {
        return "discord";
    }

    @Override
    protected void destinationAccepts() {
        answer(200, "{\"id\":\"1\",\"type\":0,\"content\":\"x\"}");
    }

    @Override
    protected void destinationRefusesPermanently() {
        answer(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}");
    }

    @Override
    protected void destinationFailsTransiently() {
        answer(502, "<html>Bad Gateway</html>");
    }

    @Override
    protected void destinationUnreachable() {
        discord.resetMappings();
        discord.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Override
    protected boolean destinationRateLimits(Duration retryAfter) {
        rateLimit(Long.toString(retryAfter.toSeconds()), retryAfter.toSeconds() + ".0");
        return true;
    }

    @Override
    protected int deliveriesReceived() {
        return (int) discord.getServeEvents().getRequests().stream().filter(e -> e.getResponse().getStatus() == 200).count();
    }

    /** Discord's execute-webhook call has no field for one. */
    @Override
    protected Optional<List<String>> idempotencyKeysReceived() {
        return Optional.empty();
    }

    private void answer(int status, String body) {
        discord.resetMappings();
        discord.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private void rateLimit(String header, String bodySeconds) {
        discord.resetMappings();
        var response = aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"You are being rate limited.\", \"retry_after\": " + bodySeconds + ", \"global\": false}");
        if (header != null) {
            response.withHeader("Retry-After", header);
        }
        discord.stubFor(post(urlPathEqualTo(HOOK)).willReturn(response));
    }

    private List<LoggedRequest> requests() {
        return discord.findAll(postRequestedFor(urlPathEqualTo(HOOK)));
    }

    @Test
    void aNotificationBecomesOneEmbedPostedWithWaitTrueAndNoMentions() {
        destinationAccepts();

        channel().deliver(sample(), key());

        LoggedRequest r = requests().get(0);
        assertThat(r.getQueryParams().get("wait").firstValue()).isEqualTo("true");
        JsonNode body = Json.read(r.getBody());
        assertThat(body.path("content").asText()).isEqualTo("**ERROR** ltp.sem01 failed on rpi4-03");
        assertThat(body.path("allowed_mentions").path("parse")).isEmpty();
        JsonNode embed = body.path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("ltp.sem01 failed on rpi4-03");
        assertThat(embed.path("description").asText()).startsWith("sem01: timed out after 300 s");
        assertThat(embed.path("color").asInt()).isEqualTo(0xE74C3C);
        assertThat(embed.path("timestamp").asText()).isEqualTo("2026-03-01T10:00:00Z");
        JsonNode fields = embed.path("fields");
        assertThat(fields.get(0).path("name").asText()).isEqualTo("test");
        assertThat(fields.get(0).path("value").asText()).isEqualTo("ltp.sem01");
        assertThat(fields.get(1).path("name").asText()).isEqualTo("failure");
        assertThat(fields.get(2).path("name").asText()).isEqualTo("board");
        assertThat(fields.get(2).path("value").asText()).isEqualTo("rpi4-03");
        assertThat(fields.get(2).path("inline").asBoolean()).isTrue();
    }

    @Test
    void anExistingQueryLikeAThreadIdIsKeptAndAUsernameIsSent() {
        destinationAccepts();
        try (DiscordChannel ch = DiscordChannel.builder().webhook(URI.create(discord.baseUrl() + HOOK + "?thread_id=42"))
                .username("lab-bot").build()) {
            ch.deliver(sample(), key());
        }

        LoggedRequest r = requests().get(0);
        assertThat(r.getQueryParams().get("thread_id").firstValue()).isEqualTo("42");
        assertThat(r.getQueryParams().get("wait").firstValue()).isEqualTo("true");
        assertThat(Json.read(r.getBody()).path("username").asText()).isEqualTo("lab-bot");
    }

    @Test
    void aRateLimitWaitsTheLongerOfTheHeaderAndTheBodysRetryAfter() {
        rateLimit("2", "2.5");
        assertThat(failure().retryAfter()).contains(Duration.ofMillis(2_500));

        rateLimit("9", "0.25");
        assertThat(failure().retryAfter()).contains(Duration.ofSeconds(9));

        rateLimit(null, "1.204");
        DeliveryException bodyOnly = failure();
        assertThat(bodyOnly.retryable()).isTrue();
        assertThat(bodyOnly.retryAfter()).contains(Duration.ofMillis(1_204));
        assertThat(requests()).hasSize(3);
    }

    @Test
    void aRateLimitWithoutAnyWaitIsStillRetryable() {
        answer(429, "not json");

        DeliveryException e = failure();

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0} is permanent")
    @ValueSource(ints = {400, 401, 403, 404, 413})
    void discordRefusalsArePermanentAndSayWhy(int status) {
        answer(status, "{\"message\": \"Invalid Form Body\", \"code\": 50035, \"errors\": {}}");

        DeliveryException e = failure();

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(Integer.toString(status)).contains("Invalid Form Body (code 50035)")
                .doesNotContain("tok-SECRET");
    }

    @Test
    void aServiceUnavailableWithRetryAfterWaitsAsTold() {
        discord.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "4")));

        assertThat(failure().retryAfter()).contains(Duration.ofSeconds(4));
    }

    @Test
    void aSlowDiscordIsARetryableTimeout() {
        discord.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> DiscordChannel.builder().webhook(hook())
                .timeout(Duration.ofMillis(300)).build().deliver(sample(), key()));

        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).doesNotContain("tok-SECRET");
    }

    @Test
    void everyHostileNotificationIsSentWithinDiscordsLimits() {
        destinationAccepts();
        for (Notification n : hostileNotifications()) {
            channel().deliver(n, key());
            List<LoggedRequest> all = requests();
            JsonNode body = Json.read(all.get(all.size() - 1).getBody());
            assertThat(body.path("content").asText().length()).isLessThanOrEqualTo(DiscordMessage.MAX_CONTENT);
            JsonNode embed = body.path("embeds").get(0);
            int total = embed.path("title").asText().length() + embed.path("description").asText().length();
            assertThat(embed.path("fields").size()).isLessThanOrEqualTo(DiscordMessage.MAX_FIELDS);
            for (JsonNode f : embed.path("fields")) {
                assertThat(f.path("name").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(DiscordMessage.MAX_FIELD_NAME);
                assertThat(f.path("value").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(DiscordMessage.MAX_FIELD_VALUE);
                total += f.path("name").asText().length() + f.path("value").asText().length();
            }
            assertThat(total).isLessThanOrEqualTo(DiscordMessage.MAX_EMBED_TOTAL);
        }
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndReadsItsView() {
        assertThat(Providers.discover(NotificationChannelProvider.class, NotificationChannelProvider::name).names())
                .contains("discord");
        destinationAccepts();
        CiConfig config = CiConfig.builder().systemProperties(new Properties())
                .environment(Map.of("CIKIT_DISCORD_WEBHOOK_URL", hook().toString(), "CIKIT_DISCORD_USERNAME", "cikit")).build();

        try (DiscordChannel ch = new DiscordChannelProvider().create(config.forPrefix("cikit.discord"))) {
            ch.deliver(Notification.builder().title("t").severity(Severity.INFO).channels("discord").build(), key());
        }

        assertThat(Json.read(requests().get(0).getBody()).path("username").asText()).isEqualTo("cikit");
    }

    @Test
    void theProviderNamesEveryBadKeyAtOnceWithoutTheWebhookToken() {
        CiConfig config = CiConfig.builder().systemProperties(new Properties()).environment(Map.of())
                .set("cikit.discord.timeout", "forever").set("cikit.discord.username", " ".repeat(3) + "x".repeat(81)).build();

        assertThatThrownBy(() -> new DiscordChannelProvider().create(config.forPrefix("cikit.discord")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).contains("cikit.discord.webhook-url"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.discord.timeout"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.discord.username")));
        CiConfig badUrl = CiConfig.builder().systemProperties(new Properties()).environment(Map.of())
                .set("cikit.discord.webhook-url", "discord.com/api/webhooks/1/tok-SECRET").build();
        assertThatThrownBy(() -> new DiscordChannelProvider().create(badUrl.forPrefix("cikit.discord")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.discord.webhook-url")
                .hasMessageNotContaining("tok-SECRET");
    }

    private DeliveryException failure() {
        return catchThrowableOfType(DeliveryException.class, () -> channel().deliver(sample(), key()));
    }
}
