package io.cikit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.Secret;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.event.Repository;
import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import io.cikit.core.webhook.InvalidSignatureException;
import io.cikit.core.webhook.MalformedPayloadException;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import java.util.List;
import java.util.Optional;

/** A token-authenticated provider (GitLab's shape): the contract's {@code signsBody() == false} path. */
final class ExampleTokenWebhookParser implements WebhookParser {
    static final Provider TOKENED = Provider.of("tokened");
    static final String EVENT = "X-Tokened-Event";
    static final String TOKEN = "X-Tokened-Token";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Override
    public Provider provider() {
        return TOKENED;
    }

    @Override
    public boolean recognises(WebhookRequest request) {
        return request.headers().contains(EVENT);
    }

    @Override
    public void verify(WebhookRequest request, List<Secret> secrets) {
        String presented = request.header(TOKEN).orElseThrow(() -> new InvalidSignatureException("missing " + TOKEN));
        if (!Signatures.tokenMatches(presented, secrets)) {
            throw new InvalidSignatureException(TOKEN + " matches no configured token");
        }
    }

    @Override
    public Optional<String> deliveryKey(WebhookRequest request) {
        return request.header(IDEMPOTENCY_KEY);
    }

    @Override
    public ParseResult parse(WebhookRequest request, Context context) {
        JsonNode json = Json.read(request.body(), context.limits());
        if (!json.isObject()) {
            throw new MalformedPayloadException("a tokened payload is a JSON object");
        }
        String eventName = request.header(EVENT).orElse("");
        if (eventName.equals("Ping Hook")) {
            return ParseResult.ignored("ping");
        }
        EventContext eventContext = new EventContext(TOKENED, deliveryKey(request), context.receivedAt(),
                new RawPayload(eventName, json));
        return ParseResult.event(new GenericEvent(eventContext, eventName, Json.nonBlank(json, "object_kind"),
                Json.nonBlank(json, "project", "path_with_namespace").map(Repository::named)));
    }

    static WebhookRequest request(Secret token, String eventName, String key, byte[] body) {
        return WebhookRequest.of(Headers.of(EVENT, eventName, TOKEN, token.reveal(), IDEMPOTENCY_KEY, key,
                "Content-Type", "application/json"), body);
    }
}
