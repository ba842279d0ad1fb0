package io.cikit.core.webhook;

import io.cikit.core.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters {@link Webhooks} records. Provider tags only ever carry ids of parsers that are present (or
 * {@code unknown}), so a sender choosing URL paths cannot grow the number of time series.
 */
final class DeliveryMetrics {
    static final String DELIVERIES = "cikit.webhook.deliveries";
    static final String HANDLE = "cikit.webhook.handle";
    static final String HANDLER_ERRORS = "cikit.webhook.handler.errors";
    static final String PARSER_ERRORS = "cikit.webhook.parser.errors";
    static final String UNKNOWN_PROVIDER = "unknown";

    private final MeterRegistry registry;
    // Registering a meter builds and looks up its id each time; the tag sets are few (present providers x outcomes
    // x codes), so the hot path keeps the registered meters.
    private final ConcurrentHashMap<DeliveryKey, Counter> deliveries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Timer> handleTimers = new ConcurrentHashMap<>();

    private record DeliveryKey(String provider, String outcome, String code, int status) {
    }

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void delivered(String provider, WebhookResult result, Timer.Sample sample) {
        String code = result instanceof WebhookResult.Rejected rejected ? rejected.error().code() : "none";
        DeliveryKey key = new DeliveryKey(provider, result.outcome(), code, result.httpStatus());
        deliveries.computeIfAbsent(key, k -> Counter.builder(DELIVERIES)
                .description("Webhook deliveries handled, by outcome")
                .tag("provider", k.provider())
                .tag("outcome", k.outcome())
                .tag("code", k.code())
                .tag("status", Integer.toString(k.status()))
                .register(registry))
                .increment();
        sample.stop(handleTimers.computeIfAbsent(provider, p -> Timer.builder(HANDLE)
                .description("Time to handle one webhook delivery, including handlers run on the caller's thread")
                .tag("provider", p)
                .register(registry)));
    }

    void handlerFailed(String provider, EventType type) {
        Counter.builder(HANDLER_ERRORS)
                .description("Webhook event handlers that threw")
                .tag("provider", provider)
                .tag("type", type.wireName())
                .register(registry)
                .increment();
    }

    void parserFailed(String provider) {
        Counter.builder(PARSER_ERRORS)
                .description("Webhook parsers that failed unexpectedly (a bug in the parser)")
                .tag("provider", provider)
                .register(registry)
                .increment();
    }
}
