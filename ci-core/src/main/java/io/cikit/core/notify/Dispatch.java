package io.cikit.core.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What {@link NotificationDispatcher#send} did with a notification: which channels accepted it into the outbox
 * (durably, by the time {@code send} returned), which refused it at once (not configured, suppressed), and a future
 * of the final result on every channel.
 *
 * <p>The future completes in this process only: after a restart the outbox still delivers, but nobody is told, and
 * a dispatcher closed before a delivery ends leaves it incomplete. It may take long (group windows, retries,
 * {@code Retry-After}); it never completes exceptionally. Thread-safe.
 */
public final class Dispatch {
    private final String notificationId;
    private final List<String> channels;
    private final @Nullable DeliveryResult[] results;
    private volatile List<String> accepted = List.of();
    private final AtomicInteger remaining;
    private final CompletableFuture<List<DeliveryResult>> completion = new CompletableFuture<>();

    Dispatch(String notificationId, List<String> channels) {
        this.notificationId = Objects.requireNonNull(notificationId, "notificationId");
        this.channels = List.copyOf(channels);
        this.results = new DeliveryResult[channels.size()];
        this.remaining = new AtomicInteger(channels.size());
        if (channels.isEmpty()) {
            completion.complete(List.of());
        }
    }

    public String notificationId() {
        return notificationId;
    }

    /** The channels the notification was addressed to, in order. */
    public List<String> channels() {
        return channels;
    }

    /** Channels for which the notification was durably accepted into the outbox. */
    public List<String> accepted() {
        return accepted;
    }

    /** Results known so far, in channel order; the refused channels are known as soon as {@code send} returns. */
    public synchronized List<DeliveryResult> known() {
        return Arrays.stream(results).filter(Objects::nonNull).toList();
    }

    /** Completes with one result per channel, in channel order, when every channel has its final outcome. */
    public CompletableFuture<List<DeliveryResult>> completion() {
        return completion.copy();
    }

    /** Whether every channel has its final outcome. */
    public boolean isDone() {
        return completion.isDone();
    }

    void accepted(List<String> names) {
        this.accepted = List.copyOf(names);
    }

    void complete(int slot, DeliveryResult result) {
        synchronized (this) {
            if (results[slot] != null) {
                return;
            }
            results[slot] = result;
        }
        if (remaining.decrementAndGet() == 0) {
            List<DeliveryResult> all;
            synchronized (this) {
                all = Arrays.stream(results).map(Objects::requireNonNull).toList();
            }
            completion.complete(all);
        }
    }

    @Override
    public String toString() {
        return "Dispatch[" + notificationId + " → " + channels + (isDone() ? ", done" : "") + "]";
    }
}
