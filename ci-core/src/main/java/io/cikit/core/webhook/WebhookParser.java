package io.cikit.core.webhook;

import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.config.Secret;
import io.cikit.core.event.Provider;
import io.cikit.core.json.JsonLimits;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SPI: one provider's webhook format. {@link Webhooks} finds the parser that {@link #recognises} a request, checks
 * the size, asks the parser to {@link #verify} it, dedups on {@link #deliveryKey}, then {@link #parse}s it.
 *
 * <p>Implementations are registered with {@code ServiceLoader}, have a cheap no-arg constructor, and are stateless
 * and thread-safe. {@link #parse} never throws for unknown events, actions or fields: those become a
 * {@link io.cikit.core.event.GenericEvent} or {@link ParseResult#ignored}.
 */
public interface WebhookParser {

    /** The provider this parser reads. */
    Provider provider();

    /** The Maven artifact that ships this parser, named in errors when it is missing ({@code io.cikit:ci-vcs-github}). */
    default String artifact() {
        return "io.cikit:ci-" + provider().id();
    }

    /** Whether the request carries this provider's marks (its event header). Cheap; reads headers only. */
    boolean recognises(WebhookRequest request);

    /**
     * Checks the request's signature or token against the configured secrets (any one may match: rotation).
     *
     * @throws InvalidSignatureException when it is missing or matches none of them
     */
    void verify(WebhookRequest request, List<Secret> secrets);

    /** The key that identifies this delivery across redeliveries, for deduplication; empty when the provider sends none. */
    Optional<String> deliveryKey(WebhookRequest request);

    /** The delivery id to show operators (usually the provider's delivery GUID); defaults to the dedup key. */
    default Optional<String> deliveryId(WebhookRequest request) {
        return deliveryKey(request);
    }

    /**
     * Parses a verified request.
     *
     * @throws MalformedPayloadException when the body is not a readable payload of this provider
     * @throws UnsupportedMediaTypeException when the body's media type is one this provider never sends
     */
    ParseResult parse(WebhookRequest request, Context context);

    /**
     * What a parser may use while parsing.
     *
     * @param limits bounds for reading the JSON body
     * @param receivedAt when the delivery arrived
     * @param buildParsers build-payload parsers found on the class path, for providers that carry CI events on
     *     their VCS endpoint (GitHub Actions' {@code workflow_run})
     */
    record Context(JsonLimits limits, Instant receivedAt, List<BuildPayloadParser> buildParsers) {
        public Context {
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(receivedAt, "receivedAt");
            buildParsers = List.copyOf(buildParsers);
        }

        /** The first build parser that supports an event name. */
        public Optional<BuildPayloadParser> buildParserFor(String eventName) {
            return buildParsers.stream().filter(p -> p.supports(eventName)).findFirst();
        }
    }
}
