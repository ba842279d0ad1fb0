package io.cikit.notify.slack;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.Durations;
import io.cikit.core.config.Secret;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.notify.HttpDeliveryFailures;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.RateLimit;
import io.cikit.notify.slack.internal.SlackErrors;
import io.cikit.notify.slack.internal.SlackMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack channel ({@code "slack"}): posts a Block Kit message through an incoming webhook, or with a bot token
 * through {@code chat.postMessage}, where follow-ups of a group (same {@link Notification#groupKey()}) are threaded
 * under the group's first message via its {@code ts}.
 *
 * <p>Limits are enforced before sending ({@link SlackMessage}). Slack's answers map to {@link DeliveryException}:
 * 429 with its {@code Retry-After}, 5xx and 408 retryable; {@code invalid_payload}, {@code channel_not_found},
 * {@code channel_is_archived}, {@code action_prohibited} and other 4xx permanent. The transport makes one attempt
 * per call: retries belong to the dispatcher. The idempotency key goes out as header {@value #IDEMPOTENCY_HEADER}
 * (Slack ignores it; proxies and logs can use it). The webhook URL is a credential and never logged.
 *
 * <p>Thread-safe. Remembers the {@code ts} of at most {@value #MAX_THREADS} groups (oldest forgotten first).
 */
public final class SlackChannel implements NotificationChannel {
    /** Header carrying the idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "X-Cikit-Idempotency-Key";
    /** Groups whose thread {@code ts} is remembered. */
    public static final int MAX_THREADS = 1_024;
    /** Slack's Web API root. */
    public static final URI DEFAULT_API = URI.create("https://slack.com/api/");

    private static final Logger LOG = LoggerFactory.getLogger(SlackChannel.class);

    private final @Nullable URI webhook;
    private final @Nullable Secret token;
    private final @Nullable String channel;
    private final URI api;
    private final HttpTransport http;
    private final Duration timeout;
    private final Map<String, String> threads = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_THREADS;
        }
    });

    private SlackChannel(Builder b) {
        this.webhook = b.webhook;
        this.token = b.token;
        this.channel = b.channel;
        this.api = b.api;
        this.timeout = b.timeout;
        this.http = b.http != null ? b.http : HttpDeliveryFailures.singleAttemptTransport(b.timeout, "cikit-notify-slack");
    }

    /** A builder: set either {@link Builder#webhook} or {@link Builder#token} with {@link Builder#channel}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.SLACK);
    }

    @Override
    public void deliver(Notification notification, String idempotencyKey) {
        try {
            Map<String, Object> body = new LinkedHashMap<>(SlackMessage.render(notification));
            if (webhook != null) {
                HttpReply reply = http.send(HttpCall.post(webhook)
                        .json(body)
                        .header(IDEMPOTENCY_HEADER, idempotencyKey)
                        .timeout(timeout)
                        .operation("slack.webhook")
                        .secretUri()
                        .build());
                SlackErrors.checkWebhookReply(reply);
                return;
            }
            postMessage(notification, idempotencyKey, body);
        } catch (DeliveryException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Slack delivery of {} failed unexpectedly", notification.id(), e);
            throw new DeliveryException("Slack delivery failed: " + e.getClass().getSimpleName(), false, e);
        }
    }

    private void postMessage(Notification n, String idempotencyKey, Map<String, Object> body) {
        body.put("channel", Objects.requireNonNull(channel));
        Optional<String> group = n.groupKey();
        group.map(threads::get).ifPresent(ts -> body.put("thread_ts", ts));
        HttpReply reply = http.send(HttpCall.post(api.resolve("chat.postMessage"))
                .bearer(Objects.requireNonNull(token))
                .json(body)
                .header(IDEMPOTENCY_HEADER, idempotencyKey)
                .timeout(timeout)
                .operation("slack.chat.postMessage")
                .build());
        Optional<String> ts = SlackErrors.checkApiReply(reply);
        if (group.isPresent() && ts.isPresent()) {
            threads.putIfAbsent(group.get(), ts.get());
        }
    }

    @Override
    public String toString() {
        return "SlackChannel[" + (webhook != null ? "webhook" : "chat.postMessage to " + channel) + "]";
    }

    /**
     * Builds a {@link SlackChannel}. Timeout (connect and per request) defaults to 10 s; a shared
     * {@link HttpTransport} may be given (its retry policy then applies). Not thread-safe.
     */
    public static final class Builder {
        private @Nullable URI webhook;
        private @Nullable Secret token;
        private @Nullable String channel;
        private URI api = DEFAULT_API;
        private @Nullable HttpTransport http;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Incoming-webhook URL (the URL is the credential). */
        public Builder webhook(URI webhook) {
            this.webhook = Objects.requireNonNull(webhook, "webhook");
            return this;
        }

        /** Bot token for {@code chat.postMessage}; needs {@link #channel}. */
        public Builder token(Secret token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /** Channel id or name for {@code chat.postMessage}. */
        public Builder channel(String channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        /** Web API root (tests, Slack GovSlack); must end with {@code /}. */
        public Builder api(URI api) {
            this.api = Objects.requireNonNull(api, "api");
            return this;
        }

        public Builder transport(HttpTransport http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Durations.requirePositive("timeout", timeout);
            return this;
        }

        /**
         * The channel. {@link IllegalStateException} unless exactly one of webhook and token is set, and a token
         * comes with a channel.
         */
        public SlackChannel build() {
            if ((webhook == null) == (token == null)) {
                throw new IllegalStateException("set either a webhook URL or a bot token, not both or neither");
            }
            if (token != null && (channel == null || channel.isBlank())) {
                throw new IllegalStateException("chat.postMessage with a bot token needs a channel");
            }
            if (!api.getPath().endsWith("/")) {
                throw new IllegalStateException("the API root must end with '/': " + api);
            }
            return new SlackChannel(this);
        }
    }
}
