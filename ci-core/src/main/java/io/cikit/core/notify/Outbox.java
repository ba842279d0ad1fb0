package io.cikit.core.notify;

import java.util.List;

/**
 * SPI: where accepted deliveries wait until their channel acknowledges them. {@link FileOutbox} (an append-only
 * journal) is the default; {@link InMemoryOutbox} is for hosts that accept losing pending notifications on a
 * restart; a host with a database can plug in its own.
 *
 * <p>Implementations are thread-safe and bounded: {@link #record} refuses an update that would grow the outbox past
 * its limit with an {@link OutboxException}.
 */
public interface Outbox extends AutoCloseable {

    /**
     * Applies an update atomically (all of it or none). Returns once the update is durable, except that an update
     * which {@linkplain OutboxUpdate#onlyAcknowledges() only acknowledges} may be made durable a little later:
     * losing an acknowledgement on a crash only causes a redelivery with the same idempotency key.
     *
     * @throws OutboxException when the update cannot be recorded; nothing of it was applied
     */
    void record(OutboxUpdate update);

    /** Every pending delivery, oldest first (a replaced delivery keeps its place). A snapshot. */
    List<PendingDelivery> pending();

    /** Every dead letter, oldest first. A snapshot. */
    List<DeadLetter> deadLetters();

    /** How many deliveries are pending. */
    int depth();

    /** Makes everything recorded durable and releases the storage. Later {@link #record} calls fail. */
    @Override
    void close();
}
