package io.cikit.core.notify;

import io.cikit.core.DeliveryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A channel that records every call and answers from a script (then succeeds): the real dispatcher runs against it,
 * so tests see exactly which notifications went out, when, and with which idempotency key.
 */
final class ScriptedChannel implements NotificationChannel {
    record Call(Notification notification, String idempotencyKey, Instant at, boolean accepted) {
    }

    private final String name;
    private final Supplier<Instant> clock;
    private final Deque<Supplier<RuntimeException>> script = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private Optional<RateLimit> rateLimit = Optional.empty();

    ScriptedChannel(String name, Scheduler scheduler) {
        this.name = name;
        this.clock = scheduler::now;
    }

    ScriptedChannel declaring(RateLimit limit) {
        this.rateLimit = Optional.of(limit);
        return this;
    }

    /** The next calls fail as given, in order; afterwards calls succeed. */
    synchronized ScriptedChannel thenFail(Supplier<RuntimeException> failure) {
        script.add(failure);
        return this;
    }

    synchronized ScriptedChannel thenFailRetryable(int times) {
        for (int i = 0; i < times; i++) {
            script.add(() -> new DeliveryException("500 rollup_error", true));
        }
        return this;
    }

    synchronized ScriptedChannel thenFailPermanently() {
        script.add(() -> new DeliveryException("404 channel_not_found", false));
        return this;
    }

    synchronized ScriptedChannel thenRateLimited(Duration retryAfter) {
        script.add(() -> new DeliveryException("429 rate_limited", retryAfter));
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void deliver(Notification notification, String idempotencyKey) {
        Supplier<RuntimeException> next = script.poll();
        calls.add(new Call(notification, idempotencyKey, clock.get(), next == null));
        if (next != null) {
            throw next.get();
        }
    }

    @Override
    public Optional<RateLimit> rateLimit() {
        return rateLimit;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Notifications the destination accepted, in order. */
    synchronized List<Notification> delivered() {
        return calls.stream().filter(Call::accepted).map(Call::notification).toList();
    }
}
