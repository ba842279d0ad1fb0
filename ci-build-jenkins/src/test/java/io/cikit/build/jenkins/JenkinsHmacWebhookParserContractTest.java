package io.cikit.build.jenkins;

import io.cikit.core.config.Secret;
import io.cikit.core.event.EventType;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.testkit.WebhookParserContract;
import java.util.List;
import java.util.Optional;

/** The Jenkins endpoint with HMAC-SHA256 verification, against the webhook parser contract. */
class JenkinsHmacWebhookParserContractTest extends WebhookParserContract {
    private static final Secret KEY = Secret.of("jenkins-hmac-key");

    @Override
    protected WebhookParser parser() {
        return JenkinsWebhookParser.builder().verification(JenkinsWebhookParser.Verification.HMAC_SHA256).build();
    }

    @Override
    protected Secret secret() {
        return KEY;
    }

    @Override
    protected WebhookRequest signed(byte[] body, String eventName) {
        return JenkinsDeliveries.withHmac(body, eventName, KEY);
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.of("build", resource("/jenkins/notification.finalized.json")).expectAccepted(EventType.BUILD),
                Sample.of("STARTED", resource("/jenkins/notification.started.json")).expectAccepted(EventType.BUILD),
                Sample.of("jenkins", resource("/jenkins/seed-format.success.json")).expectAccepted(EventType.BUILD));
    }

    @Override
    protected String unknownEventName() {
        return "test-connection";
    }

    @Override
    protected Optional<String> signatureHeader() {
        return Optional.of(JenkinsWebhookParser.SIGNATURE_HEADER);
    }
}
