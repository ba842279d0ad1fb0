package io.cikit.examples.discord;

import io.cikit.core.DeliveryException;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.http.RetryPolicy;
import io.cikit.core.json.Json;
import io.cikit.core.notify.HttpDeliveryFailures;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code discord} channel: executes a Discord webhook ({@code POST <webhook>?wait=true}) with a message made by
 * {@link DiscordMessage} (a summary line and one embed cut to Discord's limits, mentions switched off).
 *
 * <p>Answers: 2xx delivered; 429 retryable after the longer of the {@code Retry-After} header and the body's
 * {@code retry_after} seconds; 503 with {@code Retry-After} likewise; other 5xx and 408, timeouts and connection
 * errors retryable; 400 (invalid form body), 401, 403, 404 (unknown webhook) and other statuses permanent. One
 * attempt per call: retries and waits belong to the dispatcher. Discord has no place for an idempotency key, so a
 * redelivery after a crash may post twice. The webhook URL holds the webhook's token and is never logged.
 *
 * <p>Thread-safe. Declares {@link #RATE_LIMIT}, under Discord's 5 requests per 2 s per webhook.
 */
public final class DiscordChannel implements NotificationChannel {
    /** Below Discord's per-webhook limit of 5 requests in 2 s, with a burst of 2. */
    public static final RateLimit RATE_LIMIT = new RateLimit(2.0, 2);
    private static final int MAX_ERROR_TEXT = 200;

    private final URI execute;
    private final Optional<String> username;
    private final Duration timeout;
    private final HttpTransport http;

    private DiscordChannel(Builder b) {
        this.execute = withWait(Objects.requireNonNull(b.webhook));
        this.username = Optional.ofNullable(b.username);
        this.timeout = b.timeout;
        this.http = b.http != null ? b.http : HttpTransport.builder()
                .connectTimeout(b.timeout)
                .requestTimeout(b.timeout)
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).maxRetryAfter(Duration.ZERO).build())
                .userAgent("cikit-example-discord")
                .build();
    }

    /** A builder; {@link Builder#webhook} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RATE_LIMIT);
    }

    @Override
    public void deliver(Notification notification, String idempotencyKey) {
        try {
            HttpReply reply = http.send(HttpCall.post(execute)
                    .body(DiscordMessage.of(notification).json(username), "application/json")
                    .timeout(timeout)
                    .operation("discord.webhook")
                    .secretUri()
                    .build());
            int status = reply.status();
            if (!HttpDeliveryFailures.accepted(status)) {
                throw HttpDeliveryFailures.failure(status, retryAfter(reply),
                        "Discord webhook answered HTTP " + status + errorText(reply));
            }
        } catch (DeliveryException e) {
            throw e;
        } catch (RuntimeException e) {
            // a bug here must not look like a destination that may recover: dead-letter it and let an operator look
            throw new DeliveryException("Discord delivery failed: " + e.getClass().getSimpleName(), false, e);
        }
    }

    /** The longer of the header and the body's {@code retry_after} (seconds, with a fraction): never less than asked. */
    static Optional<Duration> retryAfter(HttpReply reply) {
        Optional<Duration> header = reply.retryAfter();
        Optional<Duration> body = Optional.empty();
        if (reply.status() == 429) {
            try {
                double seconds = Json.read(reply.body()).path("retry_after").asDouble(-1);
                if (seconds >= 0 && seconds < Duration.ofDays(1).toSeconds()) {
                    body = Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
                }
            } catch (RuntimeException e) {
                // not JSON (a proxy's page): the header is all there is
            }
        }
        if (header.isPresent() && body.isPresent()) {
            return Optional.of(header.get().compareTo(body.get()) >= 0 ? header.get() : body.get());
        }
        return header.isPresent() ? header : body;
    }

    /** Discord's error JSON ({@code {"message": …, "code": 50035}}) on one short line; never the request. */
    private static String errorText(HttpReply reply) {
        try {
            var json = Json.read(reply.body());
            String text = json.path("message").asText("") + (json.has("code") ? " (code " + json.path("code").asText() + ")" : "");
            text = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
            return text.isEmpty() ? "" : ": " + DiscordMessage.cut(text, MAX_ERROR_TEXT);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static URI withWait(URI webhook) {
        String query = webhook.getRawQuery();
        if (query != null && ("&" + query).contains("&wait=")) {
            return webhook;
        }
        String s = webhook.toString();
        int hash = s.indexOf('#');
        String base = hash < 0 ? s : s.substring(0, hash);
        return URI.create(base + (query == null ? "?" : "&") + "wait=true");
    }

    @Override
    public String toString() {
        return "DiscordChannel[" + execute.getHost() + "]";
    }

    /** Builds a {@link DiscordChannel}. Timeout defaults to 10 s. Not thread-safe. */
    public static final class Builder {
        private @Nullable URI webhook;
        private @Nullable String username;
        private Duration timeout = Duration.ofSeconds(10);
        private @Nullable HttpTransport http;

        private Builder() {
        }

        /** The webhook URL ({@code https://discord.com/api/webhooks/<id>/<token>}); a credential. */
        public Builder webhook(URI webhook) {
            Objects.requireNonNull(webhook, "webhook");
            String scheme = String.valueOf(webhook.getScheme());
            if (!(scheme.equals("https") || scheme.equals("http")) || webhook.getHost() == null) {
                throw new IllegalArgumentException("a Discord webhook must be an absolute http(s) URL");
            }
            this.webhook = webhook;
            return this;
        }

        /** The name the messages are posted under, instead of the webhook's own. */
        public Builder username(String username) {
            Objects.requireNonNull(username, "username");
            if (username.isBlank() || username.length() > 80) {
                throw new IllegalArgumentException("a Discord username has 1 to 80 characters");
            }
            this.username = username;
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** A shared transport (its retry policy then applies). */
        public Builder transport(HttpTransport http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The channel; {@link IllegalStateException} without a webhook. */
        public DiscordChannel build() {
            if (webhook == null) {
                throw new IllegalStateException("a Discord channel needs a webhook URL");
            }
            return new DiscordChannel(this);
        }
    }
}
