package io.cikit.notify.teams;

import io.cikit.core.DeliveryException;
import io.cikit.core.config.Durations;
import io.cikit.core.http.HttpCall;
import io.cikit.core.http.HttpReply;
import io.cikit.core.http.HttpTransport;
import io.cikit.core.notify.HttpDeliveryFailures;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannel;
import io.cikit.core.notify.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Microsoft Teams channel ({@code "teams"}): posts an Adaptive Card (v1.5: title coloured by severity, message,
 * a FactSet of the metadata, mentions of recipients with a Teams user id) to a Workflows webhook, or a legacy
 * MessageCard when configured so. The message is kept under ~27 KB ({@link TeamsCard#BUDGET_BYTES}).
 *
 * <p>Answers: 2xx (Workflows answer 202) delivered; 429 retryable with its {@code Retry-After}; 5xx and 408
 * retryable; 400 (bad card), 404 (no such hook), 413 (too large) and other 4xx permanent. One attempt per call
 * (retries belong to the dispatcher). The idempotency key goes out as header {@value #IDEMPOTENCY_HEADER}. The
 * webhook URL is signed (a credential) and never logged. Thread-safe.
 */
public final class TeamsChannel implements NotificationChannel {
    /** Header carrying the idempotency key. */
    public static final String IDEMPOTENCY_HEADER = "X-Cikit-Idempotency-Key";
    private static final Logger LOG = LoggerFactory.getLogger(TeamsChannel.class);
    private static final int MAX_ERROR_TEXT = 200;

    private final URI webhook;
    private final TeamsFormat format;
    private final HttpTransport http;
    private final Duration timeout;

    private TeamsChannel(Builder b) {
        this.webhook = Objects.requireNonNull(b.webhook);
        this.format = b.format;
        this.timeout = b.timeout;
        this.http = b.http != null ? b.http : HttpDeliveryFailures.singleAttemptTransport(b.timeout, "cikit-notify-teams");
    }

    /** A builder; {@link Builder#webhook} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.TEAMS);
    }

    /** The card format this channel sends. */
    public TeamsFormat format() {
        return format;
    }

    @Override
    public void deliver(Notification notification, String idempotencyKey) {
        try {
            byte[] body = format == TeamsFormat.ADAPTIVE ? TeamsCard.adaptive(notification) : TeamsCard.messageCard(notification);
            HttpReply reply = http.send(HttpCall.post(webhook)
                    .body(body, "application/json")
                    .header(IDEMPOTENCY_HEADER, idempotencyKey)
                    .timeout(timeout)
                    .operation("teams.webhook")
                    .secretUri()
                    .build());
            check(reply);
        } catch (DeliveryException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Teams delivery of {} failed unexpectedly", notification.id(), e);
            throw new DeliveryException("Teams delivery failed: " + e.getClass().getSimpleName(), false, e);
        }
    }

    private static void check(HttpReply reply) {
        int status = reply.status();
        if (HttpDeliveryFailures.accepted(status)) {
            return;
        }
        throw HttpDeliveryFailures.failure(status, reply.retryAfter(),
                "Teams webhook answered HTTP " + status + describe(status) + errorText(reply));
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> " (card refused)";
            case 404 -> " (no such webhook)";
            case 413 -> " (message too large)";
            case 429 -> " (throttled)";
            default -> "";
        };
    }

    private static String errorText(HttpReply reply) {
        try {
            String t = TeamsCard.clean(reply.text()).replaceAll("\\s+", " ").strip();
            return t.isEmpty() ? "" : ": " + TeamsCard.cut(t, MAX_ERROR_TEXT);
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "TeamsChannel[" + format.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }

    /** Builds a {@link TeamsChannel}. Format defaults to {@link TeamsFormat#ADAPTIVE}, timeout to 10 s. Not thread-safe. */
    public static final class Builder {
        private @Nullable URI webhook;
        private TeamsFormat format = TeamsFormat.ADAPTIVE;
        private @Nullable HttpTransport http;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The Workflows (or legacy connector) webhook URL; a credential. */
        public Builder webhook(URI webhook) {
            this.webhook = Objects.requireNonNull(webhook, "webhook");
            return this;
        }

        public Builder format(TeamsFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** A shared transport (its retry policy then applies). */
        public Builder transport(HttpTransport http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Durations.requirePositive("timeout", timeout);
            return this;
        }

        /** The channel; {@link IllegalStateException} without a webhook. */
        public TeamsChannel build() {
            if (webhook == null) {
                throw new IllegalStateException("a Teams channel needs a webhook URL");
            }
            return new TeamsChannel(this);
        }
    }
}
