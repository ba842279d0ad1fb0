package io.cikit.core.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cikit.core.config.CiConfig;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.Secret;
import io.cikit.core.notify.internal.WebhookChannelProvider;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code webhook} channel as the dispatcher finds it: ServiceLoader, {@code cikit.webhook.*}, dispatcher retries. */
class WebhookChannelProviderTest {
    private static final String PATH = "/hook";

    // one server for the class, reset (stubs, scenarios, request log) before every test
    @RegisterExtension
    static final WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static CiConfig config(Map<String, String> values) {
        CiConfig.Builder b = CiConfig.builder().systemProperties(new Properties()).environment(Map.of());
        values.forEach(b::set);
        return b.build();
    }

    private List<LoggedRequest> requests() {
        return receiver.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void serviceLoaderFindsTheWebhookChannelInCore() {
        assertThat(Providers.discover(NotificationChannelProvider.class, NotificationChannelProvider::name).names())
                .contains("webhook");
    }

    @Test
    void theDispatcherBuildsItFromConfigurationAndRetriesPastTheTransportWithTheSameKey() {
        // three 500s use up the transport's attempts in the first call; the dispatcher's backoff brings the fourth
        String state = Scenario.STARTED;
        for (int i = 1; i <= 3; i++) {
            receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("down").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(500)).willSetStateTo("failed-" + i));
            state = "failed-" + i;
        }
        receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("down").whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(200)));
        ManualScheduler clock = new ManualScheduler();
        CiConfig cfg = config(Map.of("cikit.webhook.url", receiver.baseUrl() + PATH,
                "cikit.webhook.signing-secret", "sign-me", "cikit.webhook.timeout", "2s"));
        Notification n = Notification.builder().title("board lost").severity(Severity.ERROR).channels("webhook")
                .timestamp(clock.now()).build();

        try (NotificationDispatcher d = NotificationDispatcher.builder().scheduler(clock).outbox(new InMemoryOutbox())
                .config(cfg).grouping(GroupingPolicy.none()).random(new SplittableRandom(7))
                .meterRegistry(new SimpleMeterRegistry()).build()) {
            Dispatch dispatch = d.send(n);
            clock.runDue();
            assertThat(requests()).hasSize(3);
            clock.advance(Duration.ofSeconds(2));

            assertThat(dispatch.completion()).isCompletedWithValueMatching(r -> r.get(0).outcome() == DeliveryResult.Outcome.DELIVERED
                    && r.get(0).attempts() == 2);
        }
        String key = new DeliveryKey(n.id(), "webhook").idempotencyKey();
        assertThat(requests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.getHeader(WebhookChannel.IDEMPOTENCY_HEADER)).isEqualTo(key);
            assertThat(r.getHeader(WebhookChannel.DEFAULT_SIGNATURE_HEADER)).isEqualTo(
                    WebhookChannel.signature(Secret.of("sign-me"), r.getBody()));
        });
    }

    @Test
    void keysAreReadFromTheWebhookViewAndTheIncomingWebhookSecretIsNotUsedForSigning() {
        receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        CiConfig cfg = config(Map.of("cikit.webhook.url", receiver.baseUrl() + PATH, "cikit.webhook.secret", "inbound-only",
                "cikit.webhook.signature-header", "X-Sig", "cikit.webhook.headers", "Authorization: Bearer t0k, X-Lab: 7"));

        try (WebhookChannel ch = new WebhookChannelProvider().create(cfg.forPrefix("cikit.webhook"))) {
            ch.deliver(Notification.builder().title("t").severity(Severity.INFO).channels("webhook").build(), "k");
        }

        LoggedRequest r = requests().get(0);
        assertThat(r.containsHeader("X-Sig")).isFalse();
        assertThat(r.containsHeader(WebhookChannel.DEFAULT_SIGNATURE_HEADER)).isFalse();
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer t0k");
        assertThat(r.getHeader("X-Lab")).isEqualTo("7");
    }

    @Test
    void everyMissingOrInvalidKeyIsNamedAtOnceWithoutShowingSecrets() {
        assertThatThrownBy(() -> new WebhookChannelProvider().create(config(Map.of(
                "cikit.webhook.timeout", "soon", "cikit.webhook.signature-header", "Bad Header",
                "cikit.webhook.headers", "Authorization Bearer leaked-token")).forPrefix("cikit.webhook")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4)
                        .anySatisfy(p -> assertThat(p).contains("cikit.webhook.url").contains("required"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.webhook.timeout"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.webhook.signature-header"))
                        .anySatisfy(p -> assertThat(p).contains("cikit.webhook.headers")))
                .hasMessageNotContaining("leaked-token");
        assertThatThrownBy(() -> new WebhookChannelProvider().create(config(Map.of(
                "cikit.webhook.url", "ftp://files.example/x")).forPrefix("cikit.webhook")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.webhook.url");
        assertThatThrownBy(() -> new WebhookChannelProvider().create(config(Map.of(
                "cikit.webhook.url", "https://hooks.example/x", "cikit.webhook.headers", "X-Cikit-Idempotency-Key: mine"))
                .forPrefix("cikit.webhook")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("cikit.webhook.headers");
    }

    @Test
    void withoutAUrlTheDispatcherSaysWhichKeyToSet() {
        try (NotificationDispatcher d = NotificationDispatcher.builder().scheduler(new ManualScheduler())
                .outbox(new InMemoryOutbox()).config(config(Map.of())).meterRegistry(new SimpleMeterRegistry()).build()) {
            DeliveryResult r = d.send(Notification.builder().title("t").severity(Severity.INFO).channels("webhook").build())
                    .known().get(0);

            assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.NOT_CONFIGURED);
            assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("cikit.webhook.url"));
        }
    }
}
