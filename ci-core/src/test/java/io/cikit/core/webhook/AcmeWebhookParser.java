package io.cikit.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.core.config.Secret;
import io.cikit.core.event.CommitInfo;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Provider;
import io.cikit.core.event.PushEvent;
import io.cikit.core.event.RawPayload;
import io.cikit.core.event.Repository;
import io.cikit.core.http.Headers;
import io.cikit.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A minimal provider for testing {@link Webhooks}: event in {@code X-Acme-Event}, HMAC-SHA256 of the raw body in
 * {@code X-Acme-Signature}, delivery key in {@code X-Acme-Delivery}. {@code push} becomes a {@link PushEvent},
 * {@code ping} is ignored, {@code build} goes to a build-payload parser, {@code explode} is a deliberate parser bug,
 * anything else becomes a {@link GenericEvent}.
 */
public final class AcmeWebhookParser implements WebhookParser {
    static final String EVENT = "X-Acme-Event";
    static final String SIGNATURE = "X-Acme-Signature";
    static final String DELIVERY = "X-Acme-Delivery";
    static final String SECRET = "acme-secret";

    private final Provider provider;

    /** The ServiceLoader constructor: provider {@code acme}. */
    public AcmeWebhookParser() {
        this("acme");
    }

    AcmeWebhookParser(String providerId) {
        this.provider = Provider.of(providerId);
    }

    @Override
    public Provider provider() {
        return provider;
    }

    @Override
    public boolean recognises(WebhookRequest request) {
        return request.headers().contains(EVENT);
    }

    @Override
    public void verify(WebhookRequest request, List<Secret> secrets) {
        String presented = request.header(SIGNATURE)
                .orElseThrow(() -> new InvalidSignatureException("missing " + SIGNATURE));
        if (!Signatures.verifyHmacSha256(presented, request.body(), secrets)) {
            throw new InvalidSignatureException(SIGNATURE + " does not match the body");
        }
    }

    @Override
    public Optional<String> deliveryKey(WebhookRequest request) {
        return request.header(DELIVERY);
    }

    @Override
    public ParseResult parse(WebhookRequest request, Context context) {
        if (request.mediaType().filter(t -> !t.equals("application/json")).isPresent()) {
            throw new UnsupportedMediaTypeException("acme sends application/json");
        }
        String event = request.header(EVENT).orElse("");
        if (event.equals("explode")) {
            throw new IllegalStateException("a bug in the acme parser");
        }
        JsonNode json = Json.read(request.body(), context.limits());
        if (!json.isObject()) {
            throw new MalformedPayloadException("an acme payload is a JSON object");
        }
        EventContext eventContext = new EventContext(provider, deliveryKey(request), context.receivedAt(),
                new RawPayload(event, json));
        Optional<Repository> repository = Json.nonBlank(json, "repository").map(Repository::named);
        switch (event) {
            case "ping":
                return ParseResult.ignored("ping");
            case "build":
                return context.buildParserFor(event).flatMap(p -> p.parse(eventContext))
                        .<ParseResult>map(ParseResult::event)
                        .orElseGet(() -> ParseResult.ignored("no build parser reported on it"));
            case "push":
                String after = Json.nonBlank(json, "after").orElse(PushEvent.ZERO_SHA);
                return ParseResult.event(new PushEvent(eventContext,
                        repository.orElseThrow(() -> new MalformedPayloadException("push without repository")),
                        Json.nonBlank(json, "ref").orElseThrow(() -> new MalformedPayloadException("push without ref")),
                        Json.nonBlank(json, "before").orElse(PushEvent.ZERO_SHA), after,
                        List.of(CommitInfo.of(after, "")), 1, false, Optional.of(CommitInfo.of(after, "")),
                        false, false, false, Optional.empty()));
            default:
                return ParseResult.event(new GenericEvent(eventContext, event, Json.text(json, "action"), repository));
        }
    }

    /** A request signed with {@link #SECRET}. */
    static WebhookRequest signed(String event, String delivery, String body) {
        return signed(SECRET, event, delivery, body.getBytes(StandardCharsets.UTF_8));
    }

    static WebhookRequest signed(String secret, String event, String delivery, byte[] body) {
        String signature = "sha256=" + Signatures.hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8), body);
        return WebhookRequest.of(Headers.of(EVENT, event, DELIVERY, delivery, SIGNATURE, signature,
                "Content-Type", "application/json"), body);
    }

    static String push(String ref) {
        return "{\"repository\":\"acme/widgets\",\"ref\":\"" + ref + "\",\"after\":\"" + "a".repeat(40) + "\"}";
    }
}
