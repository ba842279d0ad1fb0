package io.cikit.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock tests move by hand, so timing (backoff, breakers, leases, windows, token expiry) needs no real waiting.
 * Thread-safe. Other modules' tests get it from ci-core's test-jar ({@code io.cikit:ci-core:test-jar}, test scope),
 * which holds this package only.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public ManualClock(long startMillis) {
        this(Instant.ofEpochMilli(startMillis));
    }

    public ManualClock() {
        this(1_700_000_000_000L);
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public long millis() {
        return now.get().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
