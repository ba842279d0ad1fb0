package io.cikit.core.notify;

import java.util.Objects;

/**
 * A delivery the outbox holds until the channel acknowledges it.
 *
 * @param notification what to deliver
 * @param channel to which channel
 * @param stage whether it still waits in a group window or is ready to send
 */
public record PendingDelivery(Notification notification, String channel, Stage stage) {

    /** Where a pending delivery is on its way out. */
    public enum Stage {
        /** Waiting in a group window; after a restart it joins a group again. */
        GROUPING,
        /** Ready to hand to the channel. */
        READY
    }

    public PendingDelivery {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(stage, "stage");
    }

    public DeliveryKey key() {
        return new DeliveryKey(notification.id(), channel);
    }

    /** The same delivery at another stage. */
    public PendingDelivery at(Stage newStage) {
        return new PendingDelivery(notification, channel, newStage);
    }
}
