package io.cikit.core.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one notification on one channel.
 *
 * @param notificationId the notification's id (for a notification sent inside a digest: its own id, not the
 *     digest's)
 * @param channel the channel name
 * @param outcome what happened
 * @param error why it did not reach the channel; present exactly when {@link #success()} is false
 * @param attempts delivery attempts made (0 when none was made)
 * @param timestamp when the outcome was decided
 */
public record DeliveryResult(String notificationId, String channel, Outcome outcome, Optional<String> error, int attempts,
                             Instant timestamp) {

    /** The possible ends of a delivery. */
    public enum Outcome {
        /** The channel accepted the notification itself. */
        DELIVERED(true),
        /** The channel accepted a digest that included the notification. */
        GROUPED(true),
        /** Deliberately not sent: repeat within the repeat interval, inhibited, or below the minimum severity. */
        SUPPRESSED(false),
        /** The channel refused it for good, or retries ran out; kept as a dead letter that can be replayed. */
        DEAD_LETTERED(false),
        /** No such channel is configured; the error names the module or configuration that is missing. */
        NOT_CONFIGURED(false),
        /** Not accepted at all: the dispatcher is closed or the outbox is full or failing. */
        REFUSED(false);

        private final boolean success;

        Outcome(boolean success) {
            this.success = success;
        }

        public boolean success() {
            return success;
        }
    }

    public DeliveryResult {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(timestamp, "timestamp");
        if (outcome.success() == error.isPresent()) {
            throw new IllegalArgumentException("an error is present exactly when the outcome is not a success: " + outcome);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** A successful outcome. */
    public static DeliveryResult ok(DeliveryKey key, Outcome outcome, int attempts, Instant at) {
        return new DeliveryResult(key.notificationId(), key.channel(), outcome, Optional.empty(), attempts, at);
    }

    /** An unsuccessful outcome with its reason. */
    public static DeliveryResult failed(DeliveryKey key, Outcome outcome, String error, int attempts, Instant at) {
        return new DeliveryResult(key.notificationId(), key.channel(), outcome, Optional.of(error), attempts, at);
    }

    /** Whether the notification reached the channel, on its own or inside a digest. */
    public boolean success() {
        return outcome.success();
    }

    public DeliveryKey key() {
        return new DeliveryKey(notificationId, channel);
    }
}
