package io.cikit.testkit;

import io.cikit.core.config.Secret;
import io.cikit.core.event.EventType;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The contract run against {@link ExampleWebhookParser}, the way a provider module runs it. */
class ExampleWebhookParserContractTest extends WebhookParserContract {
    static final Secret SECRET = Secret.of("example-secret");

    @Override
    protected WebhookParser parser() {
        return new ExampleWebhookParser();
    }

    @Override
    protected Secret secret() {
        return SECRET;
    }

    @Override
    protected WebhookRequest signed(byte[] body, String eventName) {
        return ExampleWebhookParser.request(SECRET, eventName, UUID.randomUUID().toString(), body);
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.of("push", resource("/samples/example/push.json")).expectAccepted(EventType.PUSH),
                Sample.of("push", resource("/samples/example/push.deleted.json")).expectAccepted(EventType.PUSH),
                Sample.of("ping", resource("/samples/example/ping.json")).expectIgnored(),
                Sample.of("release", resource("/samples/example/release.json")).expectAccepted(EventType.OTHER));
    }

    @Override
    protected String unknownEventName() {
        return "sponsorship";
    }

    @Override
    protected Optional<String> signatureHeader() {
        return Optional.of(ExampleWebhookParser.SIGNATURE_HEADER);
    }
}
