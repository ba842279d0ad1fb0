package io.cikit.core.http.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The circuit breakers of one transport, one per host key ({@code host[:port]}, lower case). Thread-safe. Bounded:
 * past {@value #MAX_HOSTS} hosts, breakers with nothing to remember (closed, no failures) are forgotten.
 */
public final class CircuitBreakers {
    static final int MAX_HOSTS = 1024;

    private final ConcurrentHashMap<String, CircuitBreaker> byHost = new ConcurrentHashMap<>();
    private final int failureThreshold;
    private final Duration openDuration;
    private final Clock clock;
    private final Consumer<String> onOpen;

    /** @param onOpen told the host key each time a circuit opens */
    public CircuitBreakers(int failureThreshold, Duration openDuration, Clock clock, Consumer<String> onOpen) {
        this.failureThreshold = failureThreshold;
        this.openDuration = Objects.requireNonNull(openDuration, "openDuration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /** The breaker for a host key, created closed on first use. */
    public CircuitBreaker forHost(String hostKey) {
        String key = hostKey.toLowerCase(Locale.ROOT);
        CircuitBreaker existing = byHost.get(key);
        if (existing != null) {
            return existing;
        }
        if (byHost.size() >= MAX_HOSTS) {
            byHost.values().removeIf(CircuitBreaker::isIdle);
        }
        return byHost.computeIfAbsent(key,
                k -> new CircuitBreaker(failureThreshold, openDuration, clock, () -> onOpen.accept(k)));
    }

    int size() {
        return byHost.size();
    }
}
