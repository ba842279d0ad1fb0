package io.cikit.core.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Exclusive use of one board by one attempt of one job, for a limited time, as labgrid leases places: it expires
 * unless the running job renews it, and an expired lease is reclaimed by the {@link Dispatcher} (the run is stopped
 * and counted as an infrastructure failure of the board: a runner that stops renewing has died or hung).
 *
 * <p>Thread-safe: the runner renews from its own threads while the dispatcher checks expiry. Once released or
 * expired a lease stays that way; {@link #renew()} then answers false and the runner should stop.
 */
public final class Lease {
    private final String boardId;
    private final String jobId;
    private final int attempt;
    private final String token = UUID.randomUUID().toString();
    private final Duration duration;
    private final Clock clock;
    private final Instant acquiredAt;
    private volatile long expiresAtMillis;
    private volatile boolean released;

    /**
     * A lease starting now; the dispatcher grants them, tests and runner contracts may make their own.
     *
     * @param duration how long it lasts without renewal (at least 1 ms)
     */
    public Lease(String boardId, String jobId, int attempt, Duration duration, Clock clock) {
        this.boardId = Objects.requireNonNull(boardId, "boardId");
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.attempt = attempt;
        this.duration = Objects.requireNonNull(duration, "duration");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("lease duration must be at least 1 ms: " + duration);
        }
        this.acquiredAt = clock.instant();
        this.expiresAtMillis = acquiredAt.toEpochMilli() + duration.toMillis();
    }

    /**
     * Extends the lease by its duration from now. Cheap enough to call on every line of console output.
     *
     * @return false when the lease was already released or had expired: the board is no longer this run's
     */
    public boolean renew() {
        long now = clock.millis();
        if (released || now > expiresAtMillis) {
            return false;
        }
        long next = now + duration.toMillis();
        if (next > expiresAtMillis) {
            expiresAtMillis = next;
        }
        return true;
    }

    /** Whether the lease still holds: not released and not expired. */
    public boolean isValid() {
        return !released && clock.millis() <= expiresAtMillis;
    }

    public String boardId() {
        return boardId;
    }

    public String jobId() {
        return jobId;
    }

    public int attempt() {
        return attempt;
    }

    /** A random token naming this lease (for logs and remote reservations). */
    public String token() {
        return token;
    }

    public Duration duration() {
        return duration;
    }

    public Instant acquiredAt() {
        return acquiredAt;
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    boolean expiredAt(long nowMillis) {
        return !released && nowMillis > expiresAtMillis;
    }

    void release() {
        released = true;
    }

    @Override
    public String toString() {
        return "Lease[" + boardId + " for " + jobId + " attempt " + attempt + (released ? ", released" : ", until "
                + expiresAt()) + "]";
    }
}
