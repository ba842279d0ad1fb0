package io.cikit.core.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One host's circuit: closed until {@code failureThreshold} consecutive failures, then open (calls rejected) for
 * {@code openDuration}, then half-open: exactly one trial call is admitted; its success closes the circuit, its
 * failure opens it again.
 *
 * <p>Thread-safe: every transition happens under the instance lock, and nothing slow runs under it.
 */
public final class CircuitBreaker {

    /** The circuit's state, as {@link #state()} reports it. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** What {@link #tryAcquire()} granted; hand it back to {@code record…}/{@link #release}. */
    public enum Admission {
        /** The call may go ahead; the circuit is closed. */
        ADMITTED,
        /** The call is the single trial of a half-open circuit. */
        TRIAL,
        /** The circuit is open: do not call. */
        REJECTED
    }

    private final int failureThreshold;
    private final Duration openDuration;
    private final Clock clock;
    private final Runnable onOpen;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt = Instant.EPOCH;
    private boolean trialInFlight;

    /**
     * @param onOpen run (under the lock; keep it cheap) every time the circuit opens or re-opens
     */
    public CircuitBreaker(int failureThreshold, Duration openDuration, Clock clock, Runnable onOpen) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1: " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.openDuration = Objects.requireNonNull(openDuration, "openDuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /** Asks to make a call. An open circuit whose open duration has passed turns half-open and admits one trial. */
    public synchronized Admission tryAcquire() {
        switch (state) {
            case CLOSED:
                return Admission.ADMITTED;
            case OPEN:
                if (clock.instant().isBefore(openedAt.plus(openDuration))) {
                    return Admission.REJECTED;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return Admission.TRIAL;
            case HALF_OPEN:
            default:
                if (trialInFlight) {
                    return Admission.REJECTED;
                }
                trialInFlight = true;
                return Admission.TRIAL;
        }
    }

    /** The host answered healthily (any reply that is not a retryable failure). */
    public synchronized void recordSuccess(Admission admission) {
        if (admission == Admission.TRIAL && state == State.HALF_OPEN) {
            state = State.CLOSED;
            trialInFlight = false;
            consecutiveFailures = 0;
        } else if (state == State.CLOSED) {
            consecutiveFailures = 0;
        }
        // a call admitted before the circuit opened proves little about the host now: an open circuit stays open
    }

    /** The call failed in a way worth counting (I/O error, timeout, 5xx, 408). */
    public synchronized void recordFailure(Admission admission) {
        if (admission == Admission.TRIAL && state == State.HALF_OPEN) {
            open();
        } else if (state == State.CLOSED && admission != Admission.REJECTED) {
            consecutiveFailures++;
            if (consecutiveFailures >= failureThreshold) {
                open();
            }
        }
    }

    /** The call ended without telling anything about the host (interrupted, body too large): free a trial slot. */
    public synchronized void release(Admission admission) {
        if (admission == Admission.TRIAL && state == State.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** How long an open circuit still rejects calls; zero unless open. */
    public synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), openedAt.plus(openDuration));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Closed with no failures counted: nothing would be lost by forgetting this breaker. */
    synchronized boolean isIdle() {
        return state == State.CLOSED && consecutiveFailures == 0;
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        consecutiveFailures = 0;
        trialInFlight = false;
        onOpen.run();
    }
}
