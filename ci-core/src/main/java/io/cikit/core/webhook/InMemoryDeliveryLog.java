package io.cikit.core.webhook;

import io.cikit.core.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link DeliveryLog}: delivery keys kept in memory, bounded in number and in age. A key is remembered
 * for {@code ttl} after it was first seen; when the log is full the oldest key is forgotten first. Defaults:
 * {@value #DEFAULT_MAX_ENTRIES} keys, 24 hours.
 *
 * <p>Thread-safe (one lock; each call is O(1) amortised). Only deduplicates within one process: hosts running
 * several instances behind a load balancer plug in a shared store instead.
 */
public final class InMemoryDeliveryLog implements DeliveryLog {
    /** Default bound on the number of remembered keys. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** Default time a key is remembered. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    // insertion order = first-seen order, so expired keys are always at the head
    private final LinkedHashMap<String, Instant> firstSeenAt = new LinkedHashMap<>();

    /** A log with the defaults and the system clock. */
    public InMemoryDeliveryLog() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_TTL, Clock.systemUTC());
    }

    /**
     * A log with its own bounds.
     *
     * @throws IllegalArgumentException when {@code maxEntries} is below 1 or {@code ttl} is not positive
     */
    public InMemoryDeliveryLog(int maxEntries, Duration ttl, Clock clock) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        Durations.requirePositive("ttl", ttl);
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized boolean firstSeen(String key) {
        Objects.requireNonNull(key, "key");
        Instant now = clock.instant();
        evictExpired(now);
        // one probe of a table that is mostly out of cache, not a containsKey and then a put
        if (firstSeenAt.putIfAbsent(key, now) != null) {
            return false;
        }
        if (firstSeenAt.size() > maxEntries) {
            Iterator<String> oldest = firstSeenAt.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    @Override
    public synchronized void forget(String key) {
        firstSeenAt.remove(Objects.requireNonNull(key, "key"));
    }

    /** How many keys are remembered now (expired ones not counted). */
    public synchronized int size() {
        evictExpired(clock.instant());
        return firstSeenAt.size();
    }

    private void evictExpired(Instant now) {
        Instant cutoff = now.minus(ttl);
        Iterator<Map.Entry<String, Instant>> it = firstSeenAt.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isAfter(cutoff)) {
                return;
            }
            it.remove();
        }
    }

    @Override
    public String toString() {
        return "InMemoryDeliveryLog[maxEntries=" + maxEntries + ", ttl=" + ttl + "]";
    }
}
