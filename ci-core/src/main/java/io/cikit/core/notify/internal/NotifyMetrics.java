package io.cikit.core.notify.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The dispatcher's meters, all under {@code cikit.notify}:
 * <ul>
 *   <li>{@code cikit.notify.sent} (channel): deliveries a channel accepted (a digest counts once);</li>
 *   <li>{@code cikit.notify.failed} (channel, reason): deliveries that did not happen, by reason
 *       ({@code permanent}, {@code retries-exhausted}, {@code expired}, {@code not-configured}, {@code refused});</li>
 *   <li>{@code cikit.notify.retried} (channel, kind): retries scheduled ({@code backoff}, {@code retry-after});</li>
 *   <li>{@code cikit.notify.suppressed} (reason): notifications not sent on their own ({@code grouped} into a
 *       digest, {@code repeat}, {@code inhibited}, {@code below-min-severity});</li>
 *   <li>{@code cikit.notify.outbox.depth}, {@code cikit.notify.outbox.dead-letters}: gauges;</li>
 *   <li>{@code cikit.notify.delivery.latency} (channel): from acceptance to the channel's acknowledgement.</li>
 * </ul>
 */
public final class NotifyMetrics {
    private final MeterRegistry registry;
    private final Gauge depth;
    private final Gauge deadLetters;

    public NotifyMetrics(MeterRegistry registry, Supplier<Number> depth, Supplier<Number> deadLetters) {
        this.registry = registry;
        this.depth = Gauge.builder("cikit.notify.outbox.depth", depth).description("deliveries waiting in the outbox")
                .strongReference(true).register(registry);
        this.deadLetters = Gauge.builder("cikit.notify.outbox.dead-letters", deadLetters)
                .description("dead letters in the outbox").strongReference(true).register(registry);
    }

    /** Removes the gauges, which point at an outbox that may be closed now. */
    public void close() {
        registry.remove(depth);
        registry.remove(deadLetters);
    }

    public void sent(String channel, Duration latency) {
        Counter.builder("cikit.notify.sent").tag("channel", channel).register(registry).increment();
        Timer.builder("cikit.notify.delivery.latency").tag("channel", channel).register(registry).record(latency);
    }

    public void failed(String channel, String reason) {
        Counter.builder("cikit.notify.failed").tag("channel", channel).tag("reason", reason).register(registry).increment();
    }

    public void retried(String channel, String kind) {
        Counter.builder("cikit.notify.retried").tag("channel", channel).tag("kind", kind).register(registry).increment();
    }

    public void suppressed(String reason, int count) {
        if (count > 0) {
            Counter.builder("cikit.notify.suppressed").tag("reason", reason).register(registry).increment(count);
        }
    }
}
