package io.cikit.testkit;

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
import io.cikit.core.webhook.InvalidSignatureException;
import io.cikit.core.webhook.MalformedPayloadException;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.UnsupportedMediaTypeException;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small, complete {@link WebhookParser} for a made-up provider {@code example}, for tests that need a real parser
 * without depending on a VCS module, and as a reference for writing one.
 *
 * <p>Wire format: event name in {@value #EVENT_HEADER}, delivery id in {@value #DELIVERY_HEADER}, HMAC-SHA256 of the
 * raw body in {@value #SIGNATURE_HEADER} ({@code sha256=<hex>}), a JSON object body sent as
 * {@code application/json}. {@code push} ({@code {"repository":{"full_name"},"ref","before","after","commits":[{"id",
 * "message"}]}}) becomes a {@link PushEvent}, {@code ping} is ignored, any other event becomes a
 * {@link GenericEvent}. Stateless and thread-safe.
 */
public final class ExampleWebhookParser implements WebhookParser {
    /** The provider this parser reads. */
    public static final Provider EXAMPLE = Provider.of("example");
    public static final String EVENT_HEADER = "X-Example-Event";
    public static final String DELIVERY_HEADER = "X-Example-Delivery";
    public static final String SIGNATURE_HEADER = "X-Example-Signature";

    @Override
    public Provider provider() {
        return EXAMPLE;
    }

    @Override
    public String artifact() {
        return "io.cikit:ci-testkit";
    }

    @Override
    public boolean recognises(WebhookRequest request) {
        return request.headers().contains(EVENT_HEADER);
    }

    @Override
    public void verify(WebhookRequest request, List<Secret> secrets) {
        String presented = request.header(SIGNATURE_HEADER)
                .orElseThrow(() -> new InvalidSignatureException("missing " + SIGNATURE_HEADER));
        if (!Signatures.verifyHmacSha256(presented, request.body(), secrets)) {
            throw new InvalidSignatureException(SIGNATURE_HEADER + " does not match the body");
        }
    }

    @Override
    public Optional<String> deliveryKey(WebhookRequest request) {
        return request.header(DELIVERY_HEADER);
    }

    @Override
    public ParseResult parse(WebhookRequest request, Context context) {
        if (request.mediaType().filter(type -> !type.equals("application/json")).isPresent()) {
            throw new UnsupportedMediaTypeException("example webhooks are application/json, not " + request.mediaType().get());
        }
        // every body is read, ignored events included: a delivery that is not a JSON object is malformed
        JsonNode json = Json.read(request.body(), context.limits());
        if (!json.isObject()) {
            throw new MalformedPayloadException("an example payload is a JSON object");
        }
        String eventName = request.header(EVENT_HEADER).orElse("");
        EventContext eventContext = new EventContext(EXAMPLE, deliveryId(request), context.receivedAt(),
                new RawPayload(eventName, json));
        Optional<Repository> repository = Json.nonBlank(json, "repository", "full_name").map(Repository::named);
        switch (eventName) {
            case "ping":
                return ParseResult.ignored("ping");
            case "push":
                return ParseResult.event(push(eventContext, json, repository
                        .orElseThrow(() -> new MalformedPayloadException("push without repository.full_name"))));
            default:
                return ParseResult.event(new GenericEvent(eventContext, eventName, Json.nonBlank(json, "action"), repository));
        }
    }

    private static PushEvent push(EventContext context, JsonNode json, Repository repository) {
        String ref = Json.nonBlank(json, "ref").orElseThrow(() -> new MalformedPayloadException("push without ref"));
        String before = Json.nonBlank(json, "before").orElse(PushEvent.ZERO_SHA);
        String after = Json.nonBlank(json, "after").orElse(PushEvent.ZERO_SHA);
        List<CommitInfo> commits = new ArrayList<>();
        for (JsonNode commit : Json.at(json, "commits")) {
            Json.nonBlank(commit, "id").ifPresent(id -> commits.add(CommitInfo.of(id, Json.text(commit, "message").orElse(""))));
        }
        boolean created = PushEvent.isZeroSha(before);
        boolean deleted = PushEvent.isZeroSha(after);
        Optional<CommitInfo> head = deleted || commits.isEmpty() ? Optional.empty() : Optional.of(commits.get(commits.size() - 1));
        return new PushEvent(context, repository, ref, before, after, commits, commits.size(), false, head, created, deleted,
                false, Optional.empty());
    }

    /** A complete delivery as the example provider would send it, signed with {@code secret}. */
    public static WebhookRequest request(Secret secret, String eventName, String deliveryId, byte[] body) {
        return WebhookRequest.of(Headers.of(
                EVENT_HEADER, eventName,
                DELIVERY_HEADER, deliveryId,
                SIGNATURE_HEADER, "sha256=" + Signatures.hmacSha256Hex(secret.bytes(), body),
                "Content-Type", "application/json"), body);
    }
}
