package io.cikit.core.notify;

import java.util.List;
import java.util.Objects;

/**
 * One atomic change to an {@link Outbox}. Each part assigns a state to a key, so applying an update twice leaves
 * the same state as applying it once:
 * <ul>
 *   <li>{@code added}: the key becomes pending with this delivery (replacing a pending or dead-lettered one);</li>
 *   <li>{@code deadLettered}: the key becomes a dead letter (no longer pending);</li>
 *   <li>{@code acknowledged}: the key is forgotten (neither pending nor dead).</li>
 * </ul>
 * Applied in that order.
 */
public record OutboxUpdate(List<PendingDelivery> added, List<DeadLetter> deadLettered, List<DeliveryKey> acknowledged) {
    public OutboxUpdate {
        added = List.copyOf(added);
        deadLettered = List.copyOf(deadLettered);
        acknowledged = List.copyOf(acknowledged);
    }

    public static OutboxUpdate add(List<PendingDelivery> deliveries) {
        return new OutboxUpdate(deliveries, List.of(), List.of());
    }

    public static OutboxUpdate acknowledge(DeliveryKey key) {
        return new OutboxUpdate(List.of(), List.of(), List.of(Objects.requireNonNull(key, "key")));
    }

    public static OutboxUpdate deadLetter(DeadLetter letter) {
        return new OutboxUpdate(List.of(), List.of(Objects.requireNonNull(letter, "letter")), List.of());
    }

    /** Whether this update only forgets keys (an outbox may make such updates durable lazily). */
    public boolean onlyAcknowledges() {
        return added.isEmpty() && deadLettered.isEmpty();
    }

    public boolean isEmpty() {
        return added.isEmpty() && deadLettered.isEmpty() && acknowledged.isEmpty();
    }
}
