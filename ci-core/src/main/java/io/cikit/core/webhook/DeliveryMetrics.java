package io.cikit.core.webhook;

import io.cikit.core.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

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
    // x codes), so the hot path keeps the registered meters, one look-up per delivery by provider
    private final ConcurrentHashMap<String, ProviderMeters> byProvider = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void delivered(String provider, WebhookResult result, Timer.Sample sample) {
        ProviderMeters meters = byProvider.get(provider);
        if (meters == null) {
            meters = byProvider.computeIfAbsent(provider, ProviderMeters::new);
        }
        meters.deliveries(result).increment();
        sample.stop(meters.handle());
    }

    /**
     * One provider's delivery meters, registered on first use (so the series that exist are those that happened).
     * Accepted, ignored and duplicate deliveries always answer the same status with code {@code none}, so their
     * counters are kept by outcome; rejections by code and status.
     */
    private final class ProviderMeters {
        private final String provider;
        private volatile @Nullable Counter accepted;
        private volatile @Nullable Counter ignored;
        private volatile @Nullable Counter duplicate;
        private volatile @Nullable Timer handle;
        private final ConcurrentHashMap<Rejection, Counter> rejected = new ConcurrentHashMap<>();

        ProviderMeters(String provider) {
            this.provider = provider;
        }

        Counter deliveries(WebhookResult result) {
            // a race registers the same counter twice, which the registry answers with the one it has
            if (result instanceof WebhookResult.Accepted) {
                Counter c = accepted;
                return c != null ? c : (accepted = counter(result, "none"));
            } else if (result instanceof WebhookResult.Ignored) {
                Counter c = ignored;
                return c != null ? c : (ignored = counter(result, "none"));
            } else if (result instanceof WebhookResult.Duplicate) {
                Counter c = duplicate;
                return c != null ? c : (duplicate = counter(result, "none"));
            }
            WebhookResult.Rejected rejection = (WebhookResult.Rejected) result;
            return rejected.computeIfAbsent(new Rejection(rejection.error().code(), rejection.httpStatus()),
                    k -> counter(result, k.code()));
        }

        Timer handle() {
            Timer t = handle;
            return t != null ? t : (handle = Timer.builder(HANDLE)
                    .description("Time to handle one webhook delivery, including handlers run on the caller's thread")
                    .tag("provider", provider)
                    .register(registry));
        }

        private Counter counter(WebhookResult result, String code) {
            return Counter.builder(DELIVERIES)
                    .description("Webhook deliveries handled, by outcome")
                    .tag("provider", provider)
                    .tag("outcome", result.outcome())
                    .tag("code", code)
                    .tag("status", Integer.toString(result.httpStatus()))
                    .register(registry);
        }
    }

    private record Rejection(String code, int status) {
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
