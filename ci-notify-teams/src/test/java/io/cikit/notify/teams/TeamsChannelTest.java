package io.cikit.notify.teams;

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
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.json.Json;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.NotificationChannelProvider;
import io.cikit.testkit.notify.NotificationChannelContract;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TeamsChannelTest extends NotificationChannelContract {
    private static final String HOOK = "/workflows/abc/triggers/manual/paths/invoke";
    private WireMockServer teams;

    @BeforeEach
    void startTeams() {
        teams = new WireMockServer(wireMockConfig().dynamicPort());
        teams.start();
    }

    @AfterEach
    void stopTeams() {
        teams.stop();
    }

    private URI hook() {
        return URI.create(teams.baseUrl() + HOOK + "?api-version=1&sig=secretsig");
    }

    @Override
    protected NotificationChannel createChannel() {
        return TeamsChannel.builder().webhook(hook()).timeout(Duration.ofSeconds(2)).build();
    }

    @Override
    protected String expectedName() {
        return "teams";
    }

    @Override
    protected void destinationAccepts() {
        answer(202, "");
    }

    @Override
    protected void destinationRefusesPermanently() {
        answer(400, "{\"error\":{\"code\":\"InvalidRequestContent\"}}");
    }

    @Override
    protected void destinationFailsTransiently() {
        answer(502, "Bad Gateway");
    }

    @Override
    protected void destinationUnreachable() {
        teams.resetMappings();
        teams.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    @Override
    protected boolean destinationRateLimits(Duration retryAfter) {
        teams.resetMappings();
        teams.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()))));
        return true;
    }

    @Override
    protected int deliveriesReceived() {
        return (int) teams.getServeEvents().getRequests().stream().filter(e -> e.getResponse().getStatus() == 202).count();
    }

    @Override
    protected Optional<List<String>> idempotencyKeysReceived() {
        return Optional.of(teams.findAll(postRequestedFor(urlPathEqualTo(HOOK))).stream()
                .map(r -> r.getHeader(TeamsChannel.IDEMPOTENCY_HEADER)).toList());
    }

    private void answer(int status, String body) {
        teams.resetMappings();
        teams.stubFor(post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private JsonNode lastBody() {
        List<LoggedRequest> all = teams.findAll(postRequestedFor(urlPathEqualTo(HOOK)));
        return Json.read(all.get(all.size() - 1).getBody());
    }

    @Test
    void aWorkflowsWebhookGetsAnAdaptiveCardWithAFactSetAndMentions() {
        destinationAccepts();

        channel().deliver(sample(), key());

        JsonNode message = lastBody();
        assertThat(message.path("type").asText()).isEqualTo("message");
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.5");
        JsonNode body = card.path("body");
        assertThat(body.get(0).path("text").asText()).isEqualTo("ltp.sem01 failed on rpi4-03");
        assertThat(body.get(0).path("color").asText()).isEqualTo("Attention");
        JsonNode facts = null;
        for (JsonNode b : body) {
            if (b.path("type").asText().equals("FactSet")) {
                facts = b.path("facts");
            }
        }
        assertThat(facts).isNotNull();
        assertThat(facts.get(0).path("title").asText()).isEqualTo("board");
        assertThat(facts.get(0).path("value").asText()).isEqualTo("rpi4-03");
        JsonNode mention = card.path("msteams").path("entities").get(0);
        assertThat(mention.path("text").asText()).isEqualTo("<at>Lab team</at>");
        assertThat(mention.path("mentioned").path("id").asText()).isEqualTo("29:lab");
    }

    @ParameterizedTest(name = "HTTP {0} is permanent")
    @ValueSource(ints = {400, 404, 413})
    void badCardMissingHookAndTooLargeArePermanent(int status) {
        answer(status, "nope");

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().deliver(sample(), key()));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(Integer.toString(status)).doesNotContain("secretsig");
    }

    @Test
    void throttlingIsRetryableAfterTeamsWaitAndNotWaitedInsideTheCall() {
        destinationRateLimits(Duration.ofSeconds(20));

        DeliveryException e = catchThrowableOfType(DeliveryException.class, () -> channel().deliver(sample(), key()));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
        assertThat(teams.findAll(postRequestedFor(urlPathEqualTo(HOOK)))).hasSize(1);
    }

    @Test
    void everyHostileNotificationFitsTheBudgetAsValidJson() {
        destinationAccepts();
        for (Notification n : hostileNotifications()) {
            channel().deliver(n, key());
            LoggedRequest last = teams.findAll(postRequestedFor(urlPathEqualTo(HOOK))).stream().reduce((a, b) -> b).orElseThrow();
            assertThat(last.getBody().length).isLessThanOrEqualTo(TeamsCard.BUDGET_BYTES);
            assertThat(Json.read(last.getBody()).path("attachments").get(0).path("content").path("version").asText()).isEqualTo("1.5");
        }
    }

    @Test
    void messageCardFormatSendsALegacyCard() {
        destinationAccepts();
        NotificationChannel legacy = new TeamsChannelProvider().create(config(Map.of(
                "cikit.teams.webhook-url", hook().toString(), "cikit.teams.format", "messagecard")));
        try {
            legacy.deliver(sample(), key());
        } finally {
            legacy.close();
        }

        JsonNode card = lastBody();
        assertThat(card.path("@type").asText()).isEqualTo("MessageCard");
        assertThat(card.path("themeColor").asText()).isEqualTo("D9534F");
        assertThat(card.path("sections").get(0).path("facts").get(1).path("name").asText()).isEqualTo("branch");
    }

    @Test
    void theProviderIsFoundAndNamesMissingOrInvalidKeys() {
        assertThat(ServiceLoader.load(NotificationChannelProvider.class).stream().map(p -> p.get().name())).contains("teams");
        assertThatThrownBy(() -> new TeamsChannelProvider().create(config(Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.teams.webhook-url");
        assertThatThrownBy(() -> new TeamsChannelProvider().create(config(Map.of(
                "cikit.teams.webhook-url", "https://x.example/h", "cikit.teams.format", "xml"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.teams.format");
        assertThatThrownBy(() -> new TeamsChannelProvider().create(config(Map.of("cikit.teams.format", "xml"))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).contains("cikit.teams.webhook-url"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.teams.format")));
    }

    @Test
    void theOlderEnvironmentNameStillConfiguresTheWebhook() {
        destinationAccepts();
        CiConfig env = CiConfig.builder().systemProperties(new Properties())
                .environment(Map.of("MSTEAMS_WEBHOOK_URL", hook().toString())).build();
        try (TeamsChannel fromEnv = new TeamsChannelProvider().create(env.forPrefix("cikit.teams"))) {
            fromEnv.deliver(sample(), key());
        }

        assertThat(teams.findAll(postRequestedFor(urlPathEqualTo(HOOK)))).hasSize(1);
    }

    /** As the dispatcher calls the provider: a view of {@code cikit.teams.*} over the whole configuration. */
    private static ProviderConfig config(Map<String, String> values) {
        CiConfig.Builder b = CiConfig.builder().systemProperties(new Properties()).environment(Map.of());
        values.forEach(b::set);
        return b.build().forPrefix("cikit.teams");
    }
}
