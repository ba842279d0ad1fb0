package io.cikit.testkit;

import io.cikit.core.config.Secret;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The contract for a provider that authenticates with a plain token, not a body signature. */
class ExampleTokenWebhookParserContractTest extends WebhookParserContract {
    private static final Secret TOKEN = Secret.of("tokened-secret");

    @Override
    protected WebhookParser parser() {
        return new ExampleTokenWebhookParser();
    }

    @Override
    protected Secret secret() {
        return TOKEN;
    }

    @Override
    protected WebhookRequest signed(byte[] body, String eventName) {
        return ExampleTokenWebhookParser.request(TOKEN, eventName, UUID.randomUUID().toString(), body);
    }

    @Override
    protected List<Sample> samples() {
        return List.of(
                Sample.of("Push Hook", "{\"object_kind\":\"push\",\"project\":{\"path_with_namespace\":\"lab/linux\"}}"),
                Sample.of("Ping Hook", "{\"object_kind\":\"ping\"}").expectIgnored());
    }

    @Override
    protected String unknownEventName() {
        return "Emoji Hook";
    }

    @Override
    protected Optional<String> signatureHeader() {
        return Optional.of(ExampleTokenWebhookParser.TOKEN);
    }

    @Override
    protected boolean signsBody() {
        return false;
    }
}
