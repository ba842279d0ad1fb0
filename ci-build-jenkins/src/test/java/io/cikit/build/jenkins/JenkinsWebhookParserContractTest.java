package io.cikit.build.jenkins;

import io.cikit.core.config.Secret;
import io.cikit.core.event.EventType;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.testkit.WebhookParserContract;
import java.util.List;
import java.util.Optional;

/** The Jenkins endpoint with its default shared-token verification, against the webhook parser contract. */
class JenkinsWebhookParserContractTest extends WebhookParserContract {
    static final Secret TOKEN = Secret.of("jenkins-shared-token");

    @Override
    protected WebhookParser parser() {
        return new JenkinsWebhookParser();
    }

    @Override
    protected Secret secret() {
        return TOKEN;
    }

    @Override
    protected WebhookRequest signed(byte[] body, String eventName) {
        return JenkinsDeliveries.withToken(body, eventName, TOKEN);
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.of("build", resource("/jenkins/notification.finalized.json")).expectAccepted(EventType.BUILD),
                Sample.of("started", resource("/jenkins/notification.started.json")).expectAccepted(EventType.BUILD),
                Sample.of("jenkins", resource("/jenkins/seed-format.success.json")).expectAccepted(EventType.BUILD));
    }

    @Override
    protected String unknownEventName() {
        return "ping";
    }

    @Override
    protected Optional<String> signatureHeader() {
        return Optional.of(JenkinsWebhookParser.TOKEN_HEADER);
    }

    @Override
    protected boolean signsBody() {
        return false;
    }
}
