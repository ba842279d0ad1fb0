package io.cikit.core.webhook;

import io.cikit.core.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void delivered(String provider, WebhookResult result, Timer.Sample sample) {
        String code = result instanceof WebhookResult.Rejected rejected ? rejected.error().code() : "none";
        Counter.builder(DELIVERIES)
                .description("Webhook deliveries handled, by outcome")
                .tag("provider", provider)
                .tag("outcome", result.outcome())
                .tag("code", code)
                .tag("status", Integer.toString(result.httpStatus()))
                .register(registry)
                .increment();
        sample.stop(Timer.builder(HANDLE)
                .description("Time to handle one webhook delivery, including handlers run on the caller's thread")
                .tag("provider", provider)
                .register(registry));
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
