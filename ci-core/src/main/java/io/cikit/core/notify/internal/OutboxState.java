package io.cikit.core.notify.internal;

import io.cikit.core.notify.DeadLetter;
import io.cikit.core.notify.DeliveryKey;
import io.cikit.core.notify.OutboxException;
import io.cikit.core.notify.OutboxUpdate;
import io.cikit.core.notify.PendingDelivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The pending deliveries and dead letters of an outbox, and how an {@link OutboxUpdate} changes them. Every
 * operation assigns a state to a key, so replaying a journal suffix twice converges (see {@link OutboxUpdate}).
 * Not thread-safe: owners guard it with their own lock.
 */
public final class OutboxState {
    private final LinkedHashMap<DeliveryKey, PendingDelivery> pending = new LinkedHashMap<>();
    private final LinkedHashMap<DeliveryKey, DeadLetter> dead = new LinkedHashMap<>();
    private final int maxEntries;

    /** @param maxEntries how many pending deliveries plus dead letters the outbox may hold */
    public OutboxState(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** Refuses an update that would grow the outbox past its limit; changes nothing. */
    public void checkCapacity(OutboxUpdate update) {
        long growth = 0;
        for (PendingDelivery d : update.added()) {
            DeliveryKey k = d.key();
            if (!pending.containsKey(k) && !dead.containsKey(k)) {
                growth++;
            }
        }
        for (DeadLetter d : update.deadLettered()) {
            DeliveryKey k = d.key();
            if (!pending.containsKey(k) && !dead.containsKey(k)) {
                growth++;
            }
        }
        for (DeliveryKey k : update.acknowledged()) {
            if (pending.containsKey(k) || dead.containsKey(k)) {
                growth--;
            }
        }
        if (growth > 0 && size() + growth > maxEntries) {
            throw new OutboxException("outbox full: " + size() + " entries held, limit " + maxEntries);
        }
    }

    /** Applies an update without checking capacity (journal replay applies what was once accepted). */
    public void apply(OutboxUpdate update) {
        for (PendingDelivery d : update.added()) {
            DeliveryKey k = d.key();
            dead.remove(k);
            pending.put(k, d);
        }
        for (DeadLetter d : update.deadLettered()) {
            DeliveryKey k = d.key();
            pending.remove(k);
            dead.put(k, d);
        }
        for (DeliveryKey k : update.acknowledged()) {
            pending.remove(k);
            dead.remove(k);
        }
    }

    public List<PendingDelivery> pending() {
        return List.copyOf(pending.values());
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(dead.values());
    }

    public int depth() {
        return pending.size();
    }

    public int size() {
        return pending.size() + dead.size();
    }

    /**
     * The whole state as updates that rebuild it from nothing, each holding at most {@code chunk} entries (the
     * journal writes one frame per update when it compacts).
     */
    public List<OutboxUpdate> snapshot(int chunk) {
        List<OutboxUpdate> out = new ArrayList<>();
        List<PendingDelivery> adds = new ArrayList<>(Math.min(chunk, pending.size()));
        for (PendingDelivery d : pending.values()) {
            adds.add(d);
            if (adds.size() == chunk) {
                out.add(OutboxUpdate.add(adds));
                adds = new ArrayList<>();
            }
        }
        if (!adds.isEmpty()) {
            out.add(OutboxUpdate.add(adds));
        }
        List<DeadLetter> letters = new ArrayList<>();
        for (DeadLetter d : dead.values()) {
            letters.add(d);
            if (letters.size() == chunk) {
                out.add(new OutboxUpdate(List.of(), letters, List.of()));
                letters = new ArrayList<>();
            }
        }
        if (!letters.isEmpty()) {
            out.add(new OutboxUpdate(List.of(), letters, List.of()));
        }
        return out;
    }
}
