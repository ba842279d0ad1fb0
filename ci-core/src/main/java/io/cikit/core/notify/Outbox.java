package io.cikit.core.notify;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

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

    /**
     * Moves the dead letters that match back to pending, ready to send, in one {@link #record} (fresh retries, the
     * same idempotency keys). A dispatcher on this outbox sends them when it is next built (or at once, through
     * {@link NotificationDispatcher#replay}, which calls this). Returns the letters moved, oldest first; none when
     * none match.
     *
     * @throws OutboxException when the outbox cannot record the move; nothing was moved
     */
    default List<DeadLetter> requeue(Predicate<DeadLetter> which) {
        Objects.requireNonNull(which, "which");
        List<DeadLetter> matched = deadLetters().stream().filter(which).toList();
        if (!matched.isEmpty()) {
            record(OutboxUpdate.add(matched.stream()
                    .map(d -> new PendingDelivery(d.notification(), d.channel(), PendingDelivery.Stage.READY)).toList()));
        }
        return matched;
    }

    /** Makes everything recorded durable and releases the storage. Later {@link #record} calls fail. */
    @Override
    void close();
}
