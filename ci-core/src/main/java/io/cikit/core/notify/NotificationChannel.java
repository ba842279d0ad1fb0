package io.cikit.core.notify;

import io.cikit.core.DeliveryException;
import java.util.Optional;

/**
 * SPI: one place notifications go (a Slack webhook, an SMTP relay, a Teams workflow, a host's own system).
 *
 * <p>What every channel must do (checked by {@code io.cikit.testkit.notify.NotificationChannelContract}):
 * <ul>
 *   <li>{@link #name()} is stable for the channel's life and is a valid {@link Notification#channelName channel
 *       name};</li>
 *   <li>{@link #deliver} either returns (the destination accepted the notification) or throws
 *       {@link DeliveryException}, never anything else, with {@link DeliveryException#retryable()} telling whether
 *       the same delivery may succeed later (5xx, 408, 429, I/O errors) or never will (other 4xx, a rejected
 *       payload), and {@link DeliveryException#retryAfter()} carrying a destination's {@code Retry-After};</li>
 *   <li>the idempotency key reaches the destination where the destination has a place for it (a header, a
 *       Message-ID), so a redelivery after a crash can be recognised;</li>
 *   <li>every call is bounded in time (connect and read timeouts), since the dispatcher cannot interrupt it.</li>
 * </ul>
 *
 * <p>Threading: the dispatcher calls {@link #deliver} for one channel from one thread at a time, but not always
 * the same thread.
 */
public interface NotificationChannel extends AutoCloseable {

    /** The name notifications use to address this channel ({@code "slack"}). */
    String name();

    /**
     * Delivers one notification (or digest) to the destination.
     *
     * @param idempotencyKey the same for every attempt of this (notification, channel) pair, across restarts
     * @throws DeliveryException when the destination did not accept it; nothing else
     */
    void deliver(Notification notification, String idempotencyKey);

    /**
     * The destination's documented rate limit, which the dispatcher enforces with a token bucket; empty when it has
     * none worth enforcing. A limit set on the dispatcher's builder wins.
     */
    default Optional<RateLimit> rateLimit() {
        return Optional.empty();
    }

    /** Releases connections; the dispatcher calls it for channels it created from a provider. */
    @Override
    default void close() {
    }
}
