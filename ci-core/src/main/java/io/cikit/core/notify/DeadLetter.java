package io.cikit.core.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery that will not be retried on its own: the channel refused it permanently, retries ran out or it grew
 * too old. Kept by the outbox until replayed ({@link NotificationDispatcher#replay}) or discarded.
 *
 * @param reason the last error, as the channel reported it
 * @param attempts attempts made in the process that gave up
 * @param at when it was given up
 */
public record DeadLetter(Notification notification, String channel, String reason, int attempts, Instant at) {
    public DeadLetter {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    public DeliveryKey key() {
        return new DeliveryKey(notification.id(), channel);
    }
}
