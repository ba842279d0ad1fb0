package io.cikit.vcs.gitlab;

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
import io.cikit.vcs.gitlab.internal.GitLabEvents;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * GitLab webhooks: recognises {@code X-Gitlab-Event}, verifies the plain shared secret in {@code X-Gitlab-Token}
 * in constant time against every configured token (rotation), deduplicates on {@code Idempotency-Key} (stable across
 * GitLab's retries) or else {@code X-Gitlab-Event-UUID}, and parses by hook name (System Hook deliveries by the
 * body's {@code object_kind}): push, tag push, merge request, notes on merge requests and issues (confidential ones
 * too), and GitLab CI pipeline and job hooks as
 * {@link io.cikit.core.event.BuildEvent}s (through {@link GitLabCiBuildParser}). Every other hook (issue, wiki,
 * deployment, release, emoji, member, subgroup, feature flag, system, unknown) is accepted as a
 * {@link io.cikit.core.event.GenericEvent}.
 *
 * <p>Stateless and thread-safe; registered with {@code ServiceLoader}. The body size is capped by the caller
 * ({@code Webhooks}); JSON depth and string lengths by the {@link Context#limits()}.
 */
public final class GitLabWebhookParser implements WebhookParser {
    /** GitLab's event-name header ({@code Push Hook}, {@code Merge Request Hook}, …). */
    public static final String EVENT_HEADER = "X-Gitlab-Event";
    /** The shared secret, sent as is (no HMAC). */
    public static final String TOKEN_HEADER = "X-Gitlab-Token";
    /** Unique per event; the same for every hook the event triggers. */
    public static final String EVENT_UUID_HEADER = "X-Gitlab-Event-UUID";
    /** Unique per hook and event, and the same on every retry of that delivery: the dedup key. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    // the same names as looked up: lower-case, so Headers finds them without lower-casing them on every delivery
    private static final String EVENT = EVENT_HEADER.toLowerCase(Locale.ROOT);
    private static final String TOKEN = TOKEN_HEADER.toLowerCase(Locale.ROOT);
    private static final String EVENT_UUID = EVENT_UUID_HEADER.toLowerCase(Locale.ROOT);
    private static final String IDEMPOTENCY = IDEMPOTENCY_HEADER.toLowerCase(Locale.ROOT);

    /** For {@code ServiceLoader} and hosts registering it by hand; cheap. */
    public GitLabWebhookParser() {
    }

    @Override
    public Provider provider() {
        return Provider.GITLAB;
    }

    @Override
    public String artifact() {
        return "io.cikit:ci-vcs-gitlab";
    }

    @Override
    public boolean recognises(WebhookRequest request) {
        return request.headers().contains(EVENT);
    }

    @Override
    public void verify(WebhookRequest request, List<Secret> secrets) {
        if (secrets.isEmpty()) {
            throw new InvalidSignatureException("no GitLab webhook token is configured to check " + TOKEN_HEADER);
        }
        String presented = request.header(TOKEN)
                .orElseThrow(() -> new InvalidSignatureException("missing " + TOKEN_HEADER));
        if (!Signatures.tokenMatches(presented, secrets)) {
            throw new InvalidSignatureException(TOKEN_HEADER + " matches none of the configured tokens");
        }
    }

    @Override
    public Optional<String> deliveryKey(WebhookRequest request) {
        return nonBlankHeader(request, IDEMPOTENCY).or(() -> nonBlankHeader(request, EVENT_UUID));
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return nonBlankHeader(request, EVENT_UUID).or(() -> nonBlankHeader(request, IDEMPOTENCY));
    }

    /**
     * Push Hook, Tag Push Hook and Merge Request Hook deliveries (most deliveries, and the largest) are streamed: only
     * the fields mapped are read into a tree, and the event's {@link RawPayload} keeps the body's bytes until a host
     * asks for its tree. Whatever the streamed read cannot vouch for (malformed JSON, a limit, anything unusual) is read
     * as a full tree instead, as every other hook is, so errors and results are those of the full read.
     */
    @Override
    public ParseResult parse(WebhookRequest request, Context context) {
        byte[] body = jsonBody(request);
        Optional<String> hook = nonBlankHeader(request, EVENT).map(String::trim);
        Optional<ObjectNode> projected = hook.flatMap(GitLabEvents::projection).flatMap(p -> p.read(body, context.limits()));
        if (projected.isEmpty()) {
            return parseTree(request, context);
        }
        // the body is the request's, which the request owns and nobody changes
        EventContext eventContext = new EventContext(Provider.GITLAB, deliveryId(request), context.receivedAt(),
                RawPayload.lazy(hook.orElseThrow(), body, context.limits()));
        return GitLabEvents.parse(eventContext, projected.get());
    }

    /** Reads the full tree and maps it: for hooks without a projection, and the reference the streamed read matches. */
    ParseResult parseTree(WebhookRequest request, Context context) {
        JsonNode json;
        try {
            json = Json.read(jsonBody(request), context.limits());
        } catch (MalformedJsonException e) {
            throw new MalformedPayloadException(e.getMessage(), e);
        }
        if (!json.isObject()) {
            throw new MalformedPayloadException("a GitLab payload is a JSON object, got " + json.getNodeType());
        }
        String eventName = nonBlankHeader(request, EVENT).map(String::trim)
                .or(() -> Json.nonBlank(json, "object_kind"))
                .orElse("unknown");
        EventContext eventContext = new EventContext(Provider.GITLAB, deliveryId(request), context.receivedAt(),
                new RawPayload(eventName, json));
        return GitLabEvents.parse(eventContext, json);
    }

    private static byte[] jsonBody(WebhookRequest request) {
        String mediaType = request.mediaType().orElse("application/json");
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new UnsupportedMediaTypeException("GitLab sends application/json, got " + mediaType);
        }
        return request.body();
    }

    private static Optional<String> nonBlankHeader(WebhookRequest request, String name) {
        return request.header(name).filter(v -> !v.isBlank());
    }
}
