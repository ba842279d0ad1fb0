package io.cikit.build.jenkins;

import com.fasterxml.jackson.databind.JsonNode;
import io.cikit.build.jenkins.internal.JenkinsBuildReader;
import io.cikit.build.jenkins.internal.QueryString;
import io.cikit.core.build.BuildInfo;
import io.cikit.core.config.ConfigKey;
import io.cikit.core.config.ConfigSpec;
import io.cikit.core.config.ProviderConfig;
import io.cikit.core.config.Secret;
import io.cikit.core.event.EventContext;
import io.cikit.core.event.GenericEvent;
import io.cikit.core.event.Provider;
import io.cikit.core.event.RawPayload;
import io.cikit.core.json.Json;
import io.cikit.core.json.JsonLimits;
import io.cikit.core.json.MalformedJsonException;
import io.cikit.core.webhook.InvalidSignatureException;
import io.cikit.core.webhook.MalformedPayloadException;
import io.cikit.core.webhook.ParseResult;
import io.cikit.core.webhook.Signatures;
import io.cikit.core.webhook.UnsupportedMediaTypeException;
import io.cikit.core.webhook.WebhookParser;
import io.cikit.core.webhook.WebhookRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Jenkins webhook endpoint: build reports a Jenkins posts (Notification plugin, flat and generic bodies; see
 * {@link JenkinsPayloadParser}) verified by a shared token or an HMAC-SHA256 signature, deduplicated per build and
 * phase.
 *
 * <ul>
 *   <li><b>Recognised</b> (for {@code Webhooks.handle(request)}) by the header {@value #EVENT_HEADER},
 *       {@value #PROVIDER_HEADER}{@code : jenkins}, the configured token or signature header, or a host-chosen
 *       {@link Builder#markerHeader marker header}. The Notification plugin sends none of these: name the provider
 *       instead, {@code Webhooks.handle("jenkins", request)} (by the URL path the host mounted it on, say).</li>
 *   <li><b>Verified</b> ({@link Verification#TOKEN}, the default) by the header {@value #TOKEN_HEADER} compared in
 *       constant time, or by a query parameter when {@link Builder#tokenQueryParameter} is set (the Notification
 *       plugin can only put a secret in its URL); or ({@link Verification#HMAC_SHA256}) by {@code sha256=<hex>} in
 *       {@value #SIGNATURE_HEADER} (configurable) over the raw body.</li>
 *   <li><b>Deduplicated</b> on job, build number and phase (or result, when there is no phase): Jenkins retries a
 *       notification it thinks failed, and each phase is a separate report.</li>
 *   <li><b>Event name</b>: the {@value #EVENT_HEADER} value, or {@code jenkins} without one. Names
 *       {@link JenkinsPayloadParser#EVENT_NAMES} are build reports; any other becomes a {@link GenericEvent}.</li>
 * </ul>
 *
 * <p>Bodies are JSON ({@code application/json}, {@code +json}, {@code text/json}, or no {@code Content-Type}); other
 * media types are refused with 415 (the Notification plugin's XML format is not read). The delivery id shown to
 * operators is the {@value #DELIVERY_HEADER} header when sent; nothing is read from an unverified body.
 *
 * <p>Immutable and thread-safe. The no-arg constructor (used by {@code ServiceLoader}) has the defaults; register a
 * configured one with {@code Webhooks.builder().parser(...)}, which wins over the discovered one.
 */
public final class JenkinsWebhookParser implements WebhookParser {
    /** A header whose presence marks a Jenkins delivery; its value is the event name. */
    public static final String EVENT_HEADER = "X-Jenkins-Event";
    /** The shared-token header (token verification). */
    public static final String TOKEN_HEADER = "X-Jenkins-Token";
    /** The default signature header (HMAC verification): {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Jenkins-Signature-256";
    /** A generic marker: {@code X-Cikit-Provider: jenkins}. */
    public static final String PROVIDER_HEADER = "X-Cikit-Provider";
    /** An optional delivery id header, shown to operators. */
    public static final String DELIVERY_HEADER = "X-Jenkins-Delivery";

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** How deliveries prove they come from the Jenkins the host trusts. */
    public enum Verification {
        /** A shared token in a header (or query parameter), compared in constant time with the secrets. */
        TOKEN,
        /** {@code sha256=<hex HMAC-SHA256 of the raw body>} in a header, keyed with the secrets. */
        HMAC_SHA256
    }

    private final Verification verification;
    private final String tokenHeader;
    private final String signatureHeader;
    private final Optional<String> tokenQueryParameter;
    private final List<String> markerHeaders;
    private final JenkinsPayloadParser payloads;

    /** The defaults: token in {@value #TOKEN_HEADER}, builds complete on {@code FINALIZED}. For {@code ServiceLoader}. */
    public JenkinsWebhookParser() {
        this(builder());
    }

    private JenkinsWebhookParser(Builder b) {
        this.verification = b.verification;
        this.tokenHeader = b.tokenHeader;
        this.signatureHeader = b.signatureHeader;
        this.tokenQueryParameter = b.tokenQueryParameter;
        this.markerHeaders = List.copyOf(b.markerHeaders);
        this.payloads = new JenkinsPayloadParser(b.completion);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A parser configured from a {@code cikit.jenkins} view ({@code ciConfig.forPrefix("cikit.jenkins")}); keys
     * {@code webhook-verification} ({@code token}|{@code hmac-sha256}), {@code webhook-token-header},
     * {@code webhook-signature-header}, {@code webhook-token-query-parameter}, {@code webhook-marker-header},
     * {@code complete-on} ({@code finalized}|{@code completed}). Unset keys keep the defaults.
     *
     * @throws io.cikit.core.config.ConfigurationException listing every invalid key
     */
    public static JenkinsWebhookParser from(ProviderConfig config) {
        ConfigKey<Verification> verificationKey = ConfigKey.of("webhook-verification", "one of token, hmac-sha256",
                JenkinsWebhookParser::verification);
        ConfigKey<String> tokenHeaderKey = headerKey("webhook-token-header");
        ConfigKey<String> signatureHeaderKey = headerKey("webhook-signature-header");
        ConfigKey<String> markerHeaderKey = headerKey("webhook-marker-header");
        ConfigKey<String> queryKey = ConfigKey.string("webhook-token-query-parameter");
        ConfigKey<JenkinsPayloadParser.Completion> completeOnKey = ConfigKey.of("complete-on",
                "one of finalized, completed", s -> JenkinsPayloadParser.Completion.valueOf(s.toUpperCase(Locale.ROOT)));
        config.validate(ConfigSpec.of(verificationKey, tokenHeaderKey, signatureHeaderKey, markerHeaderKey, queryKey,
                completeOnKey));
        Builder b = builder();
        config.value(verificationKey).ifPresent(b::verification);
        config.value(tokenHeaderKey).ifPresent(b::tokenHeader);
        config.value(signatureHeaderKey).ifPresent(b::signatureHeader);
        config.value(markerHeaderKey).ifPresent(b::markerHeader);
        config.value(queryKey).ifPresent(b::tokenQueryParameter);
        config.value(completeOnKey).ifPresent(b::completion);
        return b.build();
    }

    @Override
    public Provider provider() {
        return Provider.JENKINS;
    }

    @Override
    public String artifact() {
        return "io.cikit:ci-build-jenkins";
    }

    public Verification verification() {
        return verification;
    }

    @Override
    public boolean recognises(WebhookRequest request) {
        if (request.headers().contains(EVENT_HEADER)) {
            return true;
        }
        if (request.header(PROVIDER_HEADER).map(v -> v.strip().equalsIgnoreCase(Provider.JENKINS.id())).orElse(false)) {
            return true;
        }
        String credentialHeader = verification == Verification.TOKEN ? tokenHeader : signatureHeader;
        if (request.headers().contains(credentialHeader)) {
            return true;
        }
        return markerHeaders.stream().anyMatch(request.headers()::contains);
    }

    @Override
    public void verify(WebhookRequest request, List<Secret> secrets) {
        if (secrets.isEmpty()) {
            throw new InvalidSignatureException("no Jenkins webhook secret is configured");
        }
        if (verification == Verification.HMAC_SHA256) {
            String presented = request.header(signatureHeader).filter(s -> !s.isBlank())
                    .orElseThrow(() -> new InvalidSignatureException("missing " + signatureHeader));
            if (!Signatures.verifyHmacSha256(presented, request.body(), secrets)) {
                throw new InvalidSignatureException(signatureHeader + " does not match the body for any configured secret");
            }
            return;
        }
        Optional<String> presented = request.header(tokenHeader).filter(s -> !s.isEmpty())
                .or(() -> tokenQueryParameter.flatMap(name -> request.path().flatMap(p -> QueryString.first(p, name)))
                        .filter(s -> !s.isEmpty()));
        if (presented.isEmpty()) {
            throw new InvalidSignatureException("missing " + tokenHeader
                    + tokenQueryParameter.map(q -> " header or `" + q + "` query parameter").orElse(""));
        }
        if (!Signatures.tokenMatches(presented.get(), secrets)) {
            throw new InvalidSignatureException("the Jenkins token matches none of the configured secrets");
        }
    }

    /** {@code <job>#<number>:<phase or result>}, read from the (verified) body; empty when it names no build. */
    @Override
    public Optional<String> deliveryKey(WebhookRequest request) {
        JsonNode json;
        try {
            json = Json.read(request.body(), JsonLimits.DEFAULT);
            BuildInfo build = JenkinsBuildReader.read(json, false);
            String report = build.phase().orElse(build.rawStatus());
            return Optional.of(eventName(request) + ":" + build.buildId() + ":" + report);
        } catch (MalformedJsonException e) {
            return Optional.empty();
        }
    }

    /** The {@value #DELIVERY_HEADER} header, when sent. */
    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return request.header(DELIVERY_HEADER).map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public ParseResult parse(WebhookRequest request, Context context) {
        String mediaType = request.mediaType().orElse("application/json");
        if (!(mediaType.equals("application/json") || mediaType.endsWith("+json") || mediaType.equals("text/json"))) {
            throw new UnsupportedMediaTypeException("Jenkins build reports are read as JSON, got " + mediaType);
        }
        JsonNode json;
        try {
            json = Json.read(request.body(), context.limits());
        } catch (MalformedJsonException e) {
            throw new MalformedPayloadException(e.getMessage(), e);
        }
        if (!json.isObject()) {
            throw new MalformedPayloadException("a Jenkins payload is a JSON object, got " + json.getNodeType());
        }
        String eventName = eventName(request);
        EventContext eventContext = new EventContext(Provider.JENKINS, deliveryId(request), context.receivedAt(),
                new RawPayload(eventName, json));
        if (!payloads.supports(eventName)) {
            return ParseResult.event(new GenericEvent(eventContext, eventName, Optional.empty(),
                    JenkinsBuildReader.repository(json)));
        }
        try {
            return payloads.parse(eventContext).<ParseResult>map(ParseResult::event)
                    .orElseGet(() -> ParseResult.ignored("no build in the Jenkins payload"));
        } catch (MalformedJsonException e) {
            throw new MalformedPayloadException(e.getMessage(), e);
        }
    }

    private static String eventName(WebhookRequest request) {
        return request.header(EVENT_HEADER).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(JenkinsPayloadParser.DEFAULT_EVENT_NAME);
    }

    private static Verification verification(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "token" -> Verification.TOKEN;
            case "hmac", "hmac-sha256", "hmac_sha256" -> Verification.HMAC_SHA256;
            default -> throw new IllegalArgumentException("unknown verification");
        };
    }

    private static ConfigKey<String> headerKey(String name) {
        return ConfigKey.of(name, "an HTTP header name", JenkinsWebhookParser::headerName);
    }

    private static String headerName(String name) {
        String stripped = name.strip();
        if (!HEADER_NAME.matcher(stripped).matches()) {
            throw new IllegalArgumentException("not an HTTP header name: " + name);
        }
        return stripped;
    }

    /** Configures a {@link JenkinsWebhookParser}. Not thread-safe. */
    public static final class Builder {
        private Verification verification = Verification.TOKEN;
        private String tokenHeader = TOKEN_HEADER;
        private String signatureHeader = SIGNATURE_HEADER;
        private Optional<String> tokenQueryParameter = Optional.empty();
        private final List<String> markerHeaders = new ArrayList<>();
        private JenkinsPayloadParser.Completion completion = JenkinsPayloadParser.Completion.FINALIZED;

        private Builder() {
        }

        /** Token (default) or HMAC-SHA256. */
        public Builder verification(Verification verification) {
            this.verification = Objects.requireNonNull(verification, "verification");
            return this;
        }

        /** The header carrying the shared token; default {@value #TOKEN_HEADER}. */
        public Builder tokenHeader(String name) {
            this.tokenHeader = headerName(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** The header carrying {@code sha256=<hex>} in HMAC mode; default {@value #SIGNATURE_HEADER}. */
        public Builder signatureHeader(String name) {
            this.signatureHeader = headerName(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Also accept the token from this query parameter of {@link WebhookRequest#path()} (token mode only), for
         * senders that cannot set headers. URLs end up in proxy and access logs: prefer the header where possible.
         */
        public Builder tokenQueryParameter(String name) {
            String n = Objects.requireNonNull(name, "name").strip();
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty query parameter name");
            }
            this.tokenQueryParameter = Optional.of(n);
            return this;
        }

        /** Another header whose presence marks a Jenkins delivery, for {@code Webhooks.handle(request)}. */
        public Builder markerHeader(String name) {
            markerHeaders.add(headerName(Objects.requireNonNull(name, "name")));
            return this;
        }

        /** Which phase reports a build complete; default {@code FINALIZED}. */
        public Builder completion(JenkinsPayloadParser.Completion completion) {
            this.completion = Objects.requireNonNull(completion, "completion");
            return this;
        }

        public JenkinsWebhookParser build() {
            return new JenkinsWebhookParser(this);
        }
    }
}
