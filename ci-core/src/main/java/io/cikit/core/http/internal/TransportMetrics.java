package io.cikit.core.http.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The transport's meters. Tags are bounded: host names (no ports, paths or queries), methods, status codes,
 * operation names chosen by code, and fixed reason words.
 */
public final class TransportMetrics {
    /** Timer per attempt; tags {@code host, method, status} (code or {@value #IO_ERROR}), {@code operation}. */
    public static final String REQUESTS = "cikit.http.client.requests";
    /** Counter per retry; tags {@code host, operation, reason} (status code or failure reason). */
    public static final String RETRIES = "cikit.http.client.retries";
    /** Counter per circuit opening; tag {@code host}. */
    public static final String CIRCUIT_OPENED = "cikit.http.client.circuit.opened";
    /** Counter per rate-limit rejection; tags {@code host, operation, source, outcome} ({@code waited}/{@code returned}). */
    public static final String RATE_LIMITED = "cikit.http.client.rate.limited";
    /** Status tag of an attempt that got no reply. */
    public static final String IO_ERROR = "IO_ERROR";

    private final MeterRegistry registry;

    public TransportMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void attempt(String host, String method, String status, String operation, long elapsedNanos) {
        Timer.builder(REQUESTS)
                .description("HTTP client attempts, one per request sent")
                .tag("host", host)
                .tag("method", method)
                .tag("status", status)
                .tag("operation", operation)
                .register(registry)
                .record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    public void retry(String host, String operation, String reason) {
        Counter.builder(RETRIES)
                .description("HTTP client retries")
                .tag("host", host)
                .tag("operation", operation)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    public void circuitOpened(String host) {
        Counter.builder(CIRCUIT_OPENED)
                .description("Times a host's circuit breaker opened")
                .tag("host", host)
                .register(registry)
                .increment();
    }

    public void rateLimited(String host, String operation, RateLimits.Source source, boolean waited) {
        Counter.builder(RATE_LIMITED)
                .description("Rate-limit rejections, waited out or returned to the caller")
                .tag("host", host)
                .tag("operation", operation)
                .tag("source", source.tag())
                .tag("outcome", waited ? "waited" : "returned")
                .register(registry)
                .increment();
    }
}
