package io.cikit.core.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One delivery: a notification to one channel. The unit the outbox holds and a channel acknowledges.
 *
 * @param notificationId {@link Notification#id()}
 * @param channel the channel name
 */
public record DeliveryKey(String notificationId, String channel) {
    public DeliveryKey {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(channel, "channel");
    }

    /**
     * The idempotency key handed to the channel: the same for every attempt of this delivery, in this process or
     * after a restart, and different for every other (notification, channel) pair. 32 lower-case hex characters,
     * safe in any header or Message-ID.
     */
    public String idempotencyKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(notificationId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(channel.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return notificationId + "→" + channel;
    }
}
