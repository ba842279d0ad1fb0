package io.cikit.core.notify;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.Durations;
import io.cikit.core.config.Secret;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import io.cikit.core.webhook.Signatures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic {@code webhook} channel: POSTs each notification as JSON to a URL the host runs (a chat bridge, a
 * ticket system, a pager). The body is one stable JSON object, described in {@code docs/notifications.md}:
 * {@code version, id, idempotencyKey, title, message, severity, testId, failureId, groupKey, metadata, recipients,
 * timestamp}; absent values are {@code null}, never missing.
 *
 * <p>Headers: {@value #IDEMPOTENCY_HEADER} carries the delivery's idempotency key (the same for every attempt of one
 * notification on this channel, across restarts); with a signing secret, {@value #DEFAULT_SIGNATURE_HEADER} (or the
 * configured name) carries {@code sha256=<hex HMAC-SHA256 of the exact body bytes>}, as
 * {@link Signatures#hmacSha256Hex} computes it and {@link Signatures#verifyHmacSha256} checks it; extra static
 * headers are sent as secrets (never logged, dropped on a redirect to another origin).
 *
 * <p>Answers are classed by {@link HttpDeliveryFailures}: 2xx delivered; 429/503 with {@code Retry-After} retryable
 * after that wait; other 5xx, 408 and I/O failures retryable; other statuses permanent. The call goes through
 * {@link HttpTransport}, whose rules apply inside it: by default up to {@value #DEFAULT_ATTEMPTS} attempts with
 * full-jitter backoff (the idempotency key makes a repeated POST safe), {@code Retry-After} waits up to 5 s, redirects
 * only within the allow-list; a longer {@code Retry-After} comes back to the dispatcher, which waits it out without
 * holding a thread. Each attempt is bounded by the timeout (default 10 s). The URL is treated as a credential: only
 * its origin is ever logged.
 *
 * <p>Thread-safe. Built with {@link #builder()}, or by the dispatcher from {@code cikit.webhook.*}.
 */
public final class WebhookChannel implements NotificationChannel {
    /** The channel name. */
    public static final String NAME = "webhook";
    /** Header carrying the idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "X-Cikit-Idempotency-Key";
    /** Header carrying the body's signature unless another name is configured. */
    public static final String DEFAULT_SIGNATURE_HEADER = "X-Cikit-Signature-256";
    /** Attempts per delivery the default transport makes before the failure goes back to the dispatcher. */
    public static final int DEFAULT_ATTEMPTS = 3;
    /** Default per-attempt timeout (connect and reply). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);
    private static final int MAX_ERROR_TEXT = 200;
    private static final String SHA256_PREFIX = "sha256=";

    private final URI url;
    private final @Nullable Secret signingSecret;
    private final String signatureHeader;
    private final Map<String, Secret> headers;
    private final Duration timeout;
    private final HttpTransport http;

    private WebhookChannel(Builder b) {
        this.url = Objects.requireNonNull(b.url);
        this.signingSecret = b.signingSecret;
        this.signatureHeader = b.signatureHeader;
        this.headers = Map.copyOf(b.headers);
        this.timeout = b.timeout;
        this.http = b.http != null ? b.http : HttpTransport.builder()
                .connectTimeout(b.timeout)
                .requestTimeout(b.timeout)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(DEFAULT_ATTEMPTS)
                        .initialBackoff(Duration.ofMillis(250))
                        .maxBackoff(Duration.ofSeconds(2))
                        .maxRetryAfter(Duration.ofSeconds(5))
                        .build())
                .userAgent("cikit-notify-webhook")
                .build();
    }

    /** A builder; {@link Builder#url} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The value of the signature header for a body: {@code sha256=} and the lower-case hex HMAC-SHA256 of the bytes
     * under the secret. What a receiver recomputes to check a delivery.
     */
    public static String signature(Secret secret, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        return SHA256_PREFIX + Signatures.hmacSha256Hex(secret.bytes(), body);
    }

    @Override
    public void deliver(Notification notification, String idempotencyKey) {
        try {
            byte[] body = WebhookBody.of(notification, idempotencyKey);
            HttpCall.Builder call = HttpCall.post(url)
                    .body(body, "application/json; charset=utf-8")
                    .timeout(timeout)
                    .idempotent(true)
                    .operation("notify.webhook")
                    .secretUri();
            headers.forEach(call::header);
            call.header(IDEMPOTENCY_HEADER, idempotencyKey);
            if (signingSecret != null) {
                call.header(signatureHeader, signature(signingSecret, body));
            }
            check(http.send(call.build()));
        } catch (DeliveryException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery of {} failed unexpectedly", notification.id(), e);
            throw new DeliveryException("webhook delivery failed: " + e.getClass().getSimpleName(), false, e);
        }
    }

    private static void check(HttpReply reply) {
        int status = reply.status();
        if (HttpDeliveryFailures.accepted(status)) {
            return;
        }
        throw HttpDeliveryFailures.failure(status, reply.retryAfter(), "webhook answered HTTP " + status + errorText(reply));
    }

    private static String errorText(HttpReply reply) {
        String text = new String(reply.body(), 0, Math.min(reply.body().length, MAX_ERROR_TEXT * 4), StandardCharsets.UTF_8)
                .codePoints().map(c -> Character.isISOControl(c) || c == '\uFFFD' ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text);
    }

    @Override
    public String toString() {
        return "WebhookChannel[" + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (signingSecret != null ? ", signed in " + signatureHeader : "")
                + (headers.isEmpty() ? "" : ", " + headers.size() + " extra headers") + "]";
    }

    /** Builds a {@link WebhookChannel}. Not thread-safe. */
    public static final class Builder {
        private @Nullable URI url;
        private @Nullable Secret signingSecret;
        private String signatureHeader = DEFAULT_SIGNATURE_HEADER;
        private final Map<String, Secret> headers = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable HttpTransport http;

        private Builder() {
        }

        /** Where to POST; absolute {@code http} or {@code https}. Treated as a credential. */
        public Builder url(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("a webhook URL must be an absolute http(s) URL");
            }
            this.url = url;
            return this;
        }

        /** Signs every body with HMAC-SHA256 under this secret (not signed by default). */
        public Builder signingSecret(Secret secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.bytes().length == 0) {
                throw new IllegalArgumentException("a signing secret must not be empty");
            }
            this.signingSecret = secret;
            return this;
        }

        /** The header the signature goes in (default {@value WebhookChannel#DEFAULT_SIGNATURE_HEADER}). */
        public Builder signatureHeader(String name) {
            this.signatureHeader = headerName(name);
            return this;
        }

        /**
         * A static header sent with every delivery ({@code Authorization}, a tenant id), treated as a secret. Cannot
         * replace the idempotency or signature header, nor a header the HTTP client manages.
         */
        public Builder header(String name, Secret value) {
            Objects.requireNonNull(value, "value");
            String checked = headerName(name);
            // fails now, not on the first delivery, for a header HttpCall refuses (Host, Content-Length, …)
            HttpCall.post(URI.create("http://localhost/")).header(checked, value);
            headers.put(checked, value);
            return this;
        }

        /** Per-attempt connect and reply timeout (default 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.requirePositive("timeout", timeout);
            return this;
        }

        /** A shared transport; its retry policy, timeouts and redirect allow-list then apply instead of the defaults. */
        public Builder transport(HttpTransport http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * The channel.
         *
         * @throws IllegalStateException without a URL, or when an extra header has the name of the idempotency or
         *     signature header
         */
        public WebhookChannel build() {
            if (url == null) {
                throw new IllegalStateException("a webhook channel needs a URL");
            }
            for (String name : headers.keySet()) {
                if (name.equalsIgnoreCase(IDEMPOTENCY_HEADER) || signingSecret != null && name.equalsIgnoreCase(signatureHeader)) {
                    throw new IllegalStateException("the extra header " + name + " would replace one the channel sets");
                }
            }
            return new WebhookChannel(this);
        }

        private static String headerName(String name) {
            Objects.requireNonNull(name, "name");
            String n = name.strip();
            if (n.isEmpty() || !n.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new IllegalArgumentException("not a valid header name: '" + name + "'");
            }
            return n;
        }
    }
}
