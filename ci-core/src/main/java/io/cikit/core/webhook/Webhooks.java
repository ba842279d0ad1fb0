package io.cikit.core.webhook;

import io.cikit.core.build.BuildPayloadParser;
import io.cikit.core.config.ConfigurationException;
import io.cikit.core.config.Secret;
import io.cikit.core.event.CiEvent;
import io.cikit.core.event.EventType;
import io.cikit.core.event.Provider;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook intake: takes a delivery exactly as received and answers what to tell the sender. In order: size cap,
 * find the provider's {@link WebhookParser}, verify the signature, parse, deduplicate on the delivery key, call the
 * handlers registered for the event, answer {@link WebhookResult.Accepted}.
 *
 * <p>{@link #handle} never throws for any request: every failure is a {@link WebhookResult.Rejected} carrying the
 * HTTP status to answer (400, 401, 413, 415). A parser that fails unexpectedly becomes a 400 {@code malformed-payload}
 * logged at ERROR. Handlers that throw are logged and counted and never change the answer, nor stop the other
 * handlers; the delivery is then forgotten by the {@link DeliveryLog}, so a redelivery runs the handlers again.
 *
 * <p>Thread-safe: configuration is fixed at {@link Builder#build()}; handlers may be added and removed at any time
 * with {@link #on}. Handlers run on the caller's thread unless {@link Builder#handlerExecutor} is set, in which case
 * {@code handle} answers as soon as they are submitted (GitHub wants an answer within 10 s).
 *
 * <p>Defaults: bodies up to {@value #DEFAULT_MAX_PAYLOAD_BYTES} bytes (25 MiB, GitHub's own cap),
 * {@link JsonLimits#DEFAULT}, an {@link InMemoryDeliveryLog} (100 000 keys, 24 h), {@code Metrics.globalRegistry},
 * parsers discovered with {@code ServiceLoader}. A provider without a configured secret is rejected (401) unless
 * {@link Builder#allowUnsigned} names it.
 *
 * <p>Meters: {@code cikit.webhook.deliveries} (tags provider, outcome, code, status), {@code cikit.webhook.handle}
 * (timer, tag provider), {@code cikit.webhook.handler.errors} (provider, type), {@code cikit.webhook.parser.errors}
 * (provider). Bodies and secrets are never logged.
 */
public final class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    /** The default body size cap: 25 MiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 25L * 1024 * 1024;

    /** The provider name that asks {@link #handle(String, WebhookRequest)} to detect the provider from the headers. */
    public static final String AUTO = "auto";

    private static final int MAX_LOGGED_CHARS = 200;

    // the artifacts that ship the well-known parsers, for the message when one is missing
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            Provider.GITHUB.id(), "io.cikit:ci-vcs-github",
            Provider.GITLAB.id(), "io.cikit:ci-vcs-gitlab",
            Provider.GITLAB_CI.id(), "io.cikit:ci-vcs-gitlab",
            Provider.JENKINS.id(), "io.cikit:ci-build-jenkins");

    private final Providers<WebhookParser> parsers;
    private final List<BuildPayloadParser> buildParsers;
    private final Map<String, List<Secret>> secrets;
    private final Set<String> unsigned;
    private final long maxPayloadBytes;
    private final JsonLimits jsonLimits;
    private final DeliveryLog deliveryLog;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Optional<Executor> handlerExecutor;
    private final HandlerTable handlers = new HandlerTable();

    private Webhooks(Builder b, Providers<WebhookParser> parsers, List<BuildPayloadParser> buildParsers) {
        this.parsers = parsers;
        this.buildParsers = List.copyOf(buildParsers);
        Map<String, List<Secret>> frozen = new LinkedHashMap<>();
        b.secrets.forEach((provider, list) -> frozen.put(provider, List.copyOf(list)));
        this.secrets = Map.copyOf(frozen);
        this.unsigned = Set.copyOf(b.unsigned);
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.jsonLimits = b.jsonLimits;
        this.clock = b.clock;
        this.deliveryLog = b.deliveryLog.orElseGet(() -> new InMemoryDeliveryLog(
                InMemoryDeliveryLog.DEFAULT_MAX_ENTRIES, InMemoryDeliveryLog.DEFAULT_TTL, b.clock));
        this.metrics = new DeliveryMetrics(b.meterRegistry);
        this.handlerExecutor = b.handlerExecutor;
        this.handlers.addAll(b.handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Handles a delivery, detecting the provider from its headers. Never throws. */
    public WebhookResult handle(WebhookRequest request) {
        return handle(AUTO, request);
    }

    /**
     * Handles a delivery for a provider the host named (by the URL path it was posted to, say). {@value #AUTO} (or a
     * blank name) detects the provider from the headers instead. A name with no parser on the class path is rejected
     * (400 {@code unrecognised-request}) with a message naming the Maven artifact to add. Never throws.
     */
    public WebhookResult handle(String provider, WebhookRequest request) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(request, "request");
        Timer.Sample timing = metrics.start();
        WebhookResult result;
        try {
            result = process(provider.trim(), request);
        } catch (RuntimeException e) {
            // a safety net for the promise that handle never throws; every known failure is handled in process
            LOG.error("Webhook handling failed unexpectedly", e);
            result = new WebhookResult.Rejected(Optional.empty(), Optional.empty(),
                    new MalformedPayloadException("webhook handling failed: " + e.getClass().getSimpleName(), e));
        }
        metrics.delivered(providerTag(result), result, timing);
        log(result);
        return result;
    }

    /** The provider's id if a parser for it is present (a cheap map look-up), whatever a sender put in the URL path. */
    private String providerTag(WebhookResult result) {
        Optional<Provider> provider = result.provider();
        if (provider.isEmpty()) {
            return DeliveryMetrics.UNKNOWN_PROVIDER;
        }
        String id = provider.get().id();
        return parsers.find(id).isPresent() ? id : DeliveryMetrics.UNKNOWN_PROVIDER;
    }

    /**
     * Registers a handler for events of a class and its subtypes ({@code VcsEvent.class} gets every VCS event).
     * Takes effect for deliveries accepted after this call; close the registration to remove it.
     */
    public <E extends CiEvent> Registration on(Class<E> type, Consumer<? super E> handler) {
        return register(HandlerTable.byClass(type, handler));
    }

    /** Registers a handler for events of one {@link EventType}; close the registration to remove it. */
    public Registration on(EventType type, Consumer<? super CiEvent> handler) {
        return register(HandlerTable.byType(type, handler));
    }

    /** Registers a handler for every accepted event; close the registration to remove it. */
    public Registration onAny(Consumer<? super CiEvent> handler) {
        return register(HandlerTable.any(handler));
    }

    /** The providers a parser is present for, in detection order (explicitly registered first). */
    public List<Provider> providers() {
        return parsers.all().stream().map(WebhookParser::provider).toList();
    }

    /** The body size cap, so a server can stop reading a larger body early. */
    public long maxPayloadBytes() {
        return maxPayloadBytes;
    }

    private Registration register(HandlerTable.Entry entry) {
        handlers.add(entry);
        return () -> handlers.remove(entry);
    }

    private WebhookResult process(String named, WebhookRequest request) {
        boolean detect = named.isEmpty() || named.equalsIgnoreCase(AUTO);
        if (request.body().length > maxPayloadBytes) {
            Optional<Provider> provider = detect ? Optional.empty() : parsers.find(named).map(WebhookParser::provider);
            return new WebhookResult.Rejected(provider, Optional.empty(), new PayloadTooLargeException(
                    "body of " + request.body().length + " bytes is over the limit of " + maxPayloadBytes + " bytes"));
        }
        WebhookParser parser;
        if (detect) {
            Optional<WebhookParser> detected = detect(request);
            if (detected.isEmpty()) {
                return new WebhookResult.Rejected(Optional.empty(), Optional.empty(), new UnrecognisedRequestException(
                        "no webhook parser recognises the request's headers (parsers present: "
                                + (parsers.names().isEmpty() ? "none" : String.join(", ", parsers.names())) + ")"));
            }
            parser = detected.get();
        } else {
            Optional<WebhookParser> found = parsers.find(named);
            if (found.isEmpty()) {
                return noParserFor(named, request);
            }
            parser = found.get();
        }
        return process(parser, request);
    }

    /**
     * The answer for a provider name {@code find} did not know: {@code require} words the rejection (the artifact to
     * add, the parsers present, those that failed to load). Parsers are fixed at {@link Builder#build()}, so it fails
     * as {@code find} did; kept out of the hot path, which needs only the look-up.
     */
    private WebhookResult noParserFor(String named, WebhookRequest request) {
        try {
            return process(parsers.require(named, "webhook parser", KNOWN_ARTIFACTS.getOrDefault(
                    named.toLowerCase(Locale.ROOT), "the module that provides it")), request);
        } catch (ConfigurationException e) {
            return new WebhookResult.Rejected(Optional.empty(), Optional.empty(),
                    new UnrecognisedRequestException(e.getMessage(), e));
        }
    }

    private WebhookResult process(WebhookParser parser, WebhookRequest request) {
        Provider provider = parser.provider();
        Optional<String> deliveryId = Optional.empty();
        try {
            deliveryId = guarded(parser, () -> parser.deliveryId(request));
            verify(parser, request);
            Instant receivedAt = clock.instant();
            ParseResult parsed = guarded(parser, () -> parser.parse(request,
                    new WebhookParser.Context(jsonLimits, receivedAt, buildParsers)));
            if (parsed instanceof ParseResult.Skipped skipped) {
                return new WebhookResult.Ignored(Optional.of(provider), deliveryId, skipped.reason());
            }
            CiEvent event = ((ParseResult.Parsed) parsed).event();
            Optional<String> key = guarded(parser, () -> parser.deliveryKey(request));
            Optional<String> logKey = key.map(k -> provider.id() + ":" + k);
            if (logKey.isPresent() && !firstSeen(logKey.get())) {
                return new WebhookResult.Duplicate(provider, deliveryId.orElse(key.get()));
            }
            dispatch(provider, event, logKey);
            return new WebhookResult.Accepted(event);
        } catch (WebhookException e) {
            return new WebhookResult.Rejected(Optional.of(provider), deliveryId, e);
        }
    }

    private Optional<WebhookParser> detect(WebhookRequest request) {
        for (WebhookParser parser : parsers.all()) {
            try {
                if (parser.recognises(request)) {
                    return Optional.of(parser);
                }
            } catch (RuntimeException e) {
                parserFailed(parser, e);
            }
        }
        return Optional.empty();
    }

    private void verify(WebhookParser parser, WebhookRequest request) {
        String provider = parser.provider().id();
        List<Secret> configured = secrets.getOrDefault(provider, List.of());
        if (configured.isEmpty()) {
            if (unsigned.contains(provider)) {
                return;
            }
            throw new InvalidSignatureException("no secret is configured for `" + provider
                    + "` webhooks; configure one, or allow unsigned deliveries for it explicitly");
        }
        guarded(parser, () -> {
            parser.verify(request, configured);
            return Boolean.TRUE;
        });
    }

    /**
     * Calls into a parser: its {@link WebhookException}s pass through, unreadable JSON becomes
     * {@code malformed-payload}, anything else is a parser bug, reported as {@code malformed-payload} and logged.
     */
    private <T> T guarded(WebhookParser parser, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (WebhookException e) {
            throw e;
        } catch (MalformedJsonException e) {
            throw new MalformedPayloadException(e.getMessage(), e);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            throw parserFailed(parser, e);
        }
        if (value == null) {
            throw parserFailed(parser, new NullPointerException("parser returned null"));
        }
        return value;
    }

    private MalformedPayloadException parserFailed(WebhookParser parser, Throwable e) {
        String provider = parser.provider().id();
        LOG.error("Webhook parser for `{}` ({}) failed; this is a bug in the parser", provider,
                parser.getClass().getName(), e);
        metrics.parserFailed(provider);
        return new MalformedPayloadException("parser failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    private boolean firstSeen(String key) {
        try {
            return deliveryLog.firstSeen(key);
        } catch (RuntimeException e) {
            // handling a delivery twice is better than losing it: the handlers are told about duplicates anyway
            LOG.warn("Delivery log {} failed; handling the delivery without deduplication", deliveryLog, e);
            return true;
        }
    }

    /**
     * Runs the matching handlers here or on the executor. {@code logKey} is the delivery's key in the delivery log:
     * it is forgotten when a handler fails, so a redelivery (GitHub's "Redeliver" button) runs the handlers again.
     */
    private void dispatch(Provider provider, CiEvent event, Optional<String> logKey) {
        List<HandlerTable.Entry> matching = handlers.matching(event);
        if (matching.isEmpty()) {
            return;
        }
        Runnable run = () -> {
            if (!runHandlers(provider, event, matching)) {
                logKey.ifPresent(this::forget);
            }
        };
        if (handlerExecutor.isEmpty()) {
            run.run();
            return;
        }
        try {
            handlerExecutor.get().execute(run);
        } catch (RejectedExecutionException e) {
            LOG.warn("Handler executor refused delivery {} from `{}`; running its handlers on the caller's thread",
                    event.deliveryId().map(Webhooks::loggable).orElse("(no id)"), provider.id());
            run.run();
        }
    }

    /** Calls each handler, containing failures; true when all of them returned normally. */
    private boolean runHandlers(Provider provider, CiEvent event, List<HandlerTable.Entry> matching) {
        boolean allReturned = true;
        for (HandlerTable.Entry entry : matching) {
            try {
                entry.handler().accept(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                allReturned = false;
                LOG.error("Webhook handler ({}) failed on {} event {} from `{}`", entry.description(),
                        event.type().wireName(), event.deliveryId().map(Webhooks::loggable).orElse("(no id)"), provider.id(), e);
                metrics.handlerFailed(provider.id(), event.type());
            }
        }
        return allReturned;
    }

    private void forget(String logKey) {
        try {
            deliveryLog.forget(logKey);
        } catch (RuntimeException e) {
            LOG.warn("Delivery log {} could not forget a delivery whose handlers failed", deliveryLog, e);
        }
    }

    private static void log(WebhookResult result) {
        boolean rejection = result instanceof WebhookResult.Rejected;
        if (rejection ? !LOG.isInfoEnabled() : !LOG.isDebugEnabled()) {
            // the usual case for an accepted delivery: nothing to log, so nothing to make loggable
            return;
        }
        String provider = result.provider().map(Provider::id).orElse("?");
        String delivery = result.deliveryId().map(Webhooks::loggable).orElse("(no id)");
        if (result instanceof WebhookResult.Rejected rejected) {
            WebhookException error = rejected.error();
            // malformed-payload messages can quote fragments of the body, which stays out of logs
            if (error instanceof MalformedPayloadException) {
                LOG.info("Rejected webhook delivery {} from `{}`: {} {}", delivery, provider, error.httpStatus(), error.code());
            } else {
                LOG.info("Rejected webhook delivery {} from `{}`: {} {}: {}", delivery, provider, error.httpStatus(),
                        error.code(), loggable(String.valueOf(error.getMessage())));
            }
        } else {
            LOG.debug("Webhook delivery {} from `{}`: {}", delivery, provider, result.outcome());
        }
    }

    /** Sender-chosen text (delivery ids, provider names from URL paths) made safe for one log line. */
    private static String loggable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LOGGED_CHARS + 1));
        for (int i = 0; i < text.length() && out.length() < MAX_LOGGED_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > MAX_LOGGED_CHARS ? out + "..." : out.toString();
    }

    /** A handler registration; closing it removes the handler (idempotent, never throws). */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Configures a {@link Webhooks}. Not thread-safe; {@link #build()} copies everything, so the builder may be
     * reused.
     */
    public static final class Builder {
        private final List<WebhookParser> parsers = new ArrayList<>();
        private final List<BuildPayloadParser> buildParsers = new ArrayList<>();
        private boolean discoverParsers = true;
        private final Map<String, List<Secret>> secrets = new LinkedHashMap<>();
        private final Set<String> unsigned = new LinkedHashSet<>();
        private long maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private JsonLimits jsonLimits = JsonLimits.DEFAULT;
        private Optional<DeliveryLog> deliveryLog = Optional.empty();
        private MeterRegistry meterRegistry = Metrics.globalRegistry;
        private Clock clock = Clock.systemUTC();
        private Optional<Executor> handlerExecutor = Optional.empty();
        private final List<HandlerTable.Entry> handlers = new ArrayList<>();

        private Builder() {
        }

        /** Registers a webhook parser by hand; it wins over a discovered parser for the same provider. */
        public Builder parser(WebhookParser parser) {
            parsers.add(Objects.requireNonNull(parser, "parser"));
            return this;
        }

        /** Registers a build-payload parser by hand, handed to webhook parsers through their context. */
        public Builder buildParser(BuildPayloadParser parser) {
            buildParsers.add(Objects.requireNonNull(parser, "parser"));
            return this;
        }

        /**
         * Whether to discover webhook and build-payload parsers with {@code ServiceLoader} (the thread's context
         * ClassLoader) at {@link #build()}. On by default.
         */
        public Builder discoverParsers(boolean discover) {
            this.discoverParsers = discover;
            return this;
        }

        /**
         * Adds secrets a provider's deliveries are verified against; any one matching is enough, so old and new
         * secrets can overlap during rotation. Calling it again for the same provider adds to the list.
         *
         * @param provider a {@link Provider} id ({@code github}, {@code gitlab}, …)
         */
        public Builder secret(String provider, Secret... secrets) {
            Objects.requireNonNull(secrets, "secrets");
            if (secrets.length == 0) {
                throw new IllegalArgumentException("no secret given for `" + provider + "`");
            }
            List<Secret> list = this.secrets.computeIfAbsent(Provider.of(provider).id(), k -> new ArrayList<>());
            for (Secret s : secrets) {
                list.add(Objects.requireNonNull(s, "secret"));
            }
            return this;
        }

        /**
         * Accepts a provider's deliveries without checking any signature or token. Only for providers that cannot
         * sign (or behind a proxy that already checked); a provider may not have both secrets and this.
         */
        public Builder allowUnsigned(String provider) {
            unsigned.add(Provider.of(provider).id());
            return this;
        }

        /** The largest body accepted, in bytes; larger ones are rejected (413) before anything reads them. */
        public Builder maxPayloadBytes(long maxPayloadBytes) {
            if (maxPayloadBytes < 1) {
                throw new IllegalArgumentException("maxPayloadBytes must be positive: " + maxPayloadBytes);
            }
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /** Bounds handed to parsers for reading JSON bodies. */
        public Builder jsonLimits(JsonLimits limits) {
            this.jsonLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Where delivery keys are remembered for deduplication (a shared store when running several instances). */
        public Builder deliveryLog(DeliveryLog log) {
            this.deliveryLog = Optional.of(Objects.requireNonNull(log, "log"));
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The clock for arrival times and the default delivery log's retention. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Runs handlers on this executor: {@code handle} answers once they are submitted. If the executor refuses
         * (saturated or shut down), the handlers run on the caller's thread rather than being lost.
         */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = Optional.of(Objects.requireNonNull(executor, "executor"));
            return this;
        }

        /** A handler for events of a class and its subtypes. */
        public <E extends CiEvent> Builder on(Class<E> type, Consumer<? super E> handler) {
            handlers.add(HandlerTable.byClass(type, handler));
            return this;
        }

        /** A handler for events of one type. */
        public Builder on(EventType type, Consumer<? super CiEvent> handler) {
            handlers.add(HandlerTable.byType(type, handler));
            return this;
        }

        /** A handler for every accepted event. */
        public Builder onAny(Consumer<? super CiEvent> handler) {
            handlers.add(HandlerTable.any(handler));
            return this;
        }

        /**
         * Discovers parsers (unless turned off) and fixes the configuration.
         *
         * @throws ConfigurationException when a provider has both secrets and unsigned mode
         */
        public Webhooks build() {
            List<String> problems = new ArrayList<>();
            for (String provider : unsigned) {
                if (secrets.containsKey(provider)) {
                    problems.add("`" + provider + "` has webhook secrets and is allowed unsigned: choose one");
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
            Providers<WebhookParser> webhookParsers = discoverParsers
                    ? Providers.discover(WebhookParser.class, p -> p.provider().id())
                    : Providers.none(WebhookParser.class, p -> p.provider().id());
            parsers.forEach(webhookParsers::register);
            Providers<BuildPayloadParser> payloadParsers = discoverParsers
                    ? Providers.discover(BuildPayloadParser.class, BuildPayloadParser::system)
                    : Providers.none(BuildPayloadParser.class, BuildPayloadParser::system);
            buildParsers.forEach(payloadParsers::register);
            Set<String> configured = new LinkedHashSet<>(secrets.keySet());
            configured.addAll(unsigned);
            for (String provider : configured) {
                if (webhookParsers.find(provider).isEmpty()) {
                    LOG.warn("Webhook settings name `{}` but no parser for it is present (parsers: {})", provider,
                            webhookParsers.names());
                }
            }
            return new Webhooks(this, webhookParsers, payloadParsers.all());
        }
    }
}
