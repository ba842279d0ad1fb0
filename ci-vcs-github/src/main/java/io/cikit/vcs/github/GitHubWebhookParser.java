package io.cikit.vcs.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cikit.core.config.Secret;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.webhook.InvalidSignatureException;
import io.cikit.core.webhook.MalformedPayloadException;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.UnsupportedMediaTypeException;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import io.cikit.vcs.github.internal.FormBody;
import io.cikit.vcs.github.internal.GitHubEvents;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GitHub webhooks: recognises {@code X-GitHub-Event}, verifies {@code X-Hub-Signature-256} over the raw body bytes
 * (JSON and {@code application/x-www-form-urlencoded} bodies alike), deduplicates on hook id + {@code X-GitHub-Delivery},
 * and parses {@code push}, {@code pull_request}, {@code create}/{@code delete}, {@code issue_comment} and {@code ping};
 * {@code workflow_run}/{@code workflow_job} go to the build parser from the SPI (ci-build-actions). Every other event
 * is accepted as a {@link io.cikit.core.event.GenericEvent}.
 *
 * <p>Stateless and thread-safe; registered with {@code ServiceLoader}.
 */
public final class GitHubWebhookParser implements WebhookParser {
    /** GitHub's event-name header. */
    public static final String EVENT_HEADER = "X-GitHub-Event";
    /** GitHub's delivery GUID header (the same on a manual redelivery). */
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    /** The id of the hook that sent the delivery. */
    public static final String HOOK_ID_HEADER = "X-GitHub-Hook-ID";
    /** {@code sha256=<hex HMAC-SHA256 of the raw body>}. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    // the same names as looked up: lower-case, so Headers finds them without lower-casing them on every delivery
    private static final String EVENT = EVENT_HEADER.toLowerCase(Locale.ROOT);
    private static final String DELIVERY = DELIVERY_HEADER.toLowerCase(Locale.ROOT);
    private static final String HOOK_ID = HOOK_ID_HEADER.toLowerCase(Locale.ROOT);
    private static final String SIGNATURE = SIGNATURE_HEADER.toLowerCase(Locale.ROOT);

    /** For {@code ServiceLoader} and hosts that register the parser by hand. */
    public GitHubWebhookParser() {
        // stateless
    }

    @Override
    public Provider provider() {
        return Provider.GITHUB;
    }

    @Override
    public String artifact() {
        return "io.cikit:ci-vcs-github";
    }

    @Override
    public boolean recognises(WebhookRequest request) {
        return request.headers().contains(EVENT);
    }

    @Override
    public void verify(WebhookRequest request, List<Secret> secrets) {
        if (secrets.isEmpty()) {
            throw new InvalidSignatureException("no GitHub webhook secret is configured to verify " + SIGNATURE_HEADER);
        }
        String presented = request.header(SIGNATURE).orElseThrow(() -> new InvalidSignatureException(
                "missing " + SIGNATURE_HEADER + (request.headers().contains("X-Hub-Signature")
                        ? " (only the legacy SHA-1 X-Hub-Signature was sent; SHA-256 is required)" : "")));
        if (!Signatures.verifyHmacSha256(presented, request.body(), secrets)) {
            throw new InvalidSignatureException(SIGNATURE_HEADER + " does not match the body for any configured secret");
        }
    }

    @Override
    public Optional<String> deliveryKey(WebhookRequest request) {
        Optional<String> delivery = deliveryId(request);
        // Two hooks (or apps) can receive the same GUID: the hook id makes the key unique.
        return delivery.map(d -> request.header(HOOK_ID).map(h -> h + ":" + d).orElse(d));
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return request.header(DELIVERY).filter(s -> !s.isBlank());
    }

    /**
     * {@code push} and {@code pull_request} (most deliveries, and the largest) are streamed: only the fields mapped are
     * read into a tree, and the event's {@link RawPayload} keeps the body's bytes until a host asks for its tree.
     * Whatever the streamed read cannot vouch for (malformed JSON, a limit, anything unusual) is read as a full tree
     * instead, as every other event is, so errors and results are those of the full read.
     */
    @Override
    public ParseResult parse(WebhookRequest request, Context context) {
        String eventName = eventName(request);
        byte[] json = jsonBytes(request);
        Optional<ObjectNode> projected = GitHubEvents.projection(eventName).flatMap(p -> p.read(json, context.limits()));
        if (projected.isEmpty()) {
            return parseTree(eventName, json, request, context);
        }
        // the bytes are the request's body (which the request owns and nobody changes) or a decoded copy of its field
        EventContext eventContext = new EventContext(Provider.GITHUB, deliveryId(request), context.receivedAt(),
                RawPayload.lazy(eventName, json, context.limits()));
        return GitHubEvents.parse(eventName, eventContext, projected.get(), context);
    }

    /** Reads the full tree and maps it: for events without a projection, and the reference the streamed read matches. */
    ParseResult parseTree(String eventName, byte[] jsonBytes, WebhookRequest request, Context context) {
        JsonNode json;
        try {
            json = Json.read(jsonBytes, context.limits());
        } catch (MalformedJsonException e) {
            throw new MalformedPayloadException(e.getMessage(), e);
        }
        if (!json.isObject()) {
            throw new MalformedPayloadException("a GitHub payload is a JSON object, got " + json.getNodeType());
        }
        EventContext eventContext = new EventContext(Provider.GITHUB, deliveryId(request), context.receivedAt(),
                new RawPayload(eventName, json));
        return GitHubEvents.parse(eventName, eventContext, json, context);
    }

    static String eventName(WebhookRequest request) {
        String eventName = request.header(EVENT).map(String::trim).orElse("");
        if (eventName.isEmpty()) {
            throw new MalformedPayloadException("empty " + EVENT_HEADER + " header");
        }
        return eventName;
    }

    /** The JSON document of a delivery: the body, or the {@code payload} field of a form-encoded one. */
    static byte[] jsonBytes(WebhookRequest request) {
        String mediaType = request.mediaType().orElse("application/json");
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            return request.body();
        } else if (mediaType.equals("application/x-www-form-urlencoded")) {
            return FormBody.field(request.body(), "payload").orElseThrow(
                    () -> new MalformedPayloadException("form-encoded GitHub delivery without a payload field"));
        } else {
            throw new UnsupportedMediaTypeException("GitHub sends application/json or application/x-www-form-urlencoded, got " + mediaType);
        }
    }
}
