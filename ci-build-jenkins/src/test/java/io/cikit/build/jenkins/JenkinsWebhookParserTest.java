package io.cikit.build.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.build.BuildStatus;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.BuildEvent;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.core.webhook.WebhookResult;
import io.cikit.core.webhook.Webhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the Jenkins endpoint does beyond the shared contract: markers, token places, dedup per phase, config. */
class JenkinsWebhookParserTest {
    private static final Secret TOKEN = JenkinsWebhookParserContractTest.TOKEN;

    private static Webhooks webhooks(JenkinsWebhookParser parser) {
        return Webhooks.builder().discoverParsers(false).parser(parser).secret("jenkins", TOKEN)
                .meterRegistry(new SimpleMeterRegistry()).build();
    }

    private static WebhookRequest plain(byte[] body, String... headers) {
        return WebhookRequest.of(Headers.of(headers), body);
    }

    @Test
    void theNotificationPluginsBareJsonIsHandledWhenTheHostNamesTheProvider() {
        Webhooks intake = webhooks(new JenkinsWebhookParser());
        WebhookRequest bare = plain(Fixtures.bytes(Fixtures.FINALIZED), "Content-Type", "application/json",
                "X-Jenkins-Token", TOKEN.reveal());

        WebhookResult result = intake.handle("jenkins", bare);

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Accepted.class, a -> {
            BuildEvent event = (BuildEvent) a.event();
            assertThat(event.build().status()).isEqualTo(BuildStatus.SUCCESS);
            assertThat(event.build().complete()).isTrue();
            assertThat(event.raw().eventName()).isEqualTo("jenkins");
            assertThat(event.deliveryId()).as("no delivery header, and nothing read from an unverified body").isEmpty();
        });
    }

    @Test
    void deliveriesAreRecognisedByTheirMarkers() {
        JenkinsWebhookParser parser = JenkinsWebhookParser.builder().markerHeader("X-Lab-Jenkins").build();
        byte[] body = Fixtures.bytes(Fixtures.FINALIZED);

        assertThat(parser.recognises(plain(body, "X-Jenkins-Event", "build"))).isTrue();
        assertThat(parser.recognises(plain(body, "X-Cikit-Provider", " Jenkins "))).isTrue();
        assertThat(parser.recognises(plain(body, "X-Jenkins-Token", "t"))).isTrue();
        assertThat(parser.recognises(plain(body, "x-lab-jenkins", "1"))).isTrue();
        assertThat(parser.recognises(plain(body, "X-Cikit-Provider", "gitlab"))).isFalse();
        assertThat(parser.recognises(plain(body, "Content-Type", "application/json"))).as("body shape alone").isFalse();
        assertThat(parser.recognises(plain(body, "X-GitHub-Event", "push"))).isFalse();
    }

    @Test
    void eachPhaseIsItsOwnDeliveryButARepeatedPhaseIsADuplicate() {
        Webhooks intake = webhooks(new JenkinsWebhookParser());
        ObjectNode completed = Fixtures.tree(Fixtures.FINALIZED);
        ((ObjectNode) completed.get("build")).put("phase", "COMPLETED");
        byte[] completedBody = Json.write(completed);
        byte[] finalizedBody = Fixtures.bytes(Fixtures.FINALIZED);

        WebhookResult first = intake.handle(JenkinsDeliveries.withToken(completedBody, "build", TOKEN));
        WebhookResult second = intake.handle(JenkinsDeliveries.withToken(finalizedBody, "build", TOKEN));
        WebhookResult retried = intake.handle(JenkinsDeliveries.withToken(finalizedBody, "build", TOKEN));

        assertThat(first).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(second).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(retried).isInstanceOf(WebhookResult.Duplicate.class);
        assertThat(new JenkinsWebhookParser().deliveryKey(JenkinsDeliveries.withToken(finalizedBody, "build", TOKEN)))
                .contains("build:linux-next-arm64#1234:FINALIZED");
    }

    @Test
    void theTokenMayComeFromAQueryParameterWhenConfigured() {
        JenkinsWebhookParser withQuery = JenkinsWebhookParser.builder().tokenQueryParameter("token").build();
        byte[] body = Fixtures.bytes(Fixtures.STARTED);
        WebhookRequest viaUrl = new WebhookRequest(Headers.of("Content-Type", "application/json"), body,
                Optional.of("/hooks/jenkins?x=1&token=" + TOKEN.reveal().replace("-", "%2D")));
        WebhookRequest wrong = new WebhookRequest(Headers.empty(), body, Optional.of("/hooks/jenkins?token=nope"));

        assertThat(webhooks(withQuery).handle("jenkins", viaUrl)).isInstanceOf(WebhookResult.Accepted.class);
        assertThat(webhooks(new JenkinsWebhookParser()).handle("jenkins", viaUrl).httpStatus())
                .as("not accepted from the URL unless configured").isEqualTo(401);
        assertThat(webhooks(withQuery).handle("jenkins", wrong).httpStatus()).isEqualTo(401);
    }

    @Test
    void aCustomTokenHeaderReplacesTheDefault() {
        JenkinsWebhookParser parser = JenkinsWebhookParser.builder().tokenHeader("X-Lab-Token").build();
        byte[] body = Fixtures.bytes(Fixtures.STARTED);

        assertThat(webhooks(parser).handle("jenkins", plain(body, "X-Lab-Token", TOKEN.reveal())))
                .isInstanceOf(WebhookResult.Accepted.class);
        assertThat(webhooks(parser).handle("jenkins", plain(body, "X-Jenkins-Token", TOKEN.reveal())).httpStatus())
                .isEqualTo(401);
    }

    @Test
    void nonJsonMediaTypesAreRefused415() {
        byte[] body = Fixtures.bytes(Fixtures.FINALIZED);

        WebhookResult xml = webhooks(new JenkinsWebhookParser()).handle("jenkins",
                plain(body, "X-Jenkins-Token", TOKEN.reveal(), "Content-Type", "application/xml"));

        assertThat(xml.httpStatus()).isEqualTo(415);
    }

    @Test
    void anUnknownEventNameIsKeptAsAGenericEventWithTheRepository() {
        WebhookResult result = webhooks(new JenkinsWebhookParser())
                .handle(JenkinsDeliveries.withToken(Fixtures.bytes(Fixtures.FINALIZED), "computer-offline", TOKEN));

        assertThat(result).isInstanceOfSatisfying(WebhookResult.Accepted.class, a -> assertThat(a.event())
                .isInstanceOfSatisfying(GenericEvent.class, g -> {
                    assertThat(g.eventName()).isEqualTo("computer-offline");
                    assertThat(g.repository()).hasValueSatisfying(r -> assertThat(r.fullName()).isEqualTo("kernel/linux"));
                }));
    }

    @Test
    void theDiscoveredParserServesTheJenkinsProvider() {
        Webhooks discovered = Webhooks.builder().secret("jenkins", TOKEN).meterRegistry(new SimpleMeterRegistry()).build();

        WebhookResult result = discovered.handle(JenkinsDeliveries.withToken(Fixtures.bytes(Fixtures.SEED), "jenkins", TOKEN));

        assertThat(discovered.providers()).extracting(p -> p.id()).contains("jenkins");
        assertThat(result).isInstanceOf(WebhookResult.Accepted.class);
    }

    @Test
    void configurationSelectsHmacHeadersAndCompletion() {
        JenkinsWebhookParser parser = JenkinsWebhookParser.from(ProviderConfig.of(Map.of(
                "webhook-verification", "HMAC-SHA256",
                "webhook-signature-header", "X-Lab-Signature",
                "webhook-marker-header", "X-Lab",
                "complete-on", "completed")::get));
        ObjectNode completed = Fixtures.tree(Fixtures.FINALIZED);
        ((ObjectNode) completed.get("build")).put("phase", "COMPLETED");
        byte[] body = Json.write(completed);
        WebhookRequest signed = plain(body, "X-Lab", "1", "X-Lab-Signature",
                "sha256=" + io.cikit.core.webhook.Signatures.hmacSha256Hex(TOKEN.bytes(), body));

        WebhookResult result = webhooks(parser).handle(signed);

        assertThat(parser.verification()).isEqualTo(JenkinsWebhookParser.Verification.HMAC_SHA256);
        assertThat(result).isInstanceOfSatisfying(WebhookResult.Accepted.class,
                a -> assertThat(((BuildEvent) a.event()).build().complete()).isTrue());
    }

    @Test
    void badConfigurationIsReportedKeyByKey() {
        assertThatThrownBy(() -> JenkinsWebhookParser.from(ProviderConfig.of(Map.of(
                "webhook-verification", "md5",
                "webhook-token-header", "not a header",
                "complete-on", "sometimes")::get)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3));
    }
}
