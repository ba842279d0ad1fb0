package io.cikit.core.webhook;

import static io.cikit.core.webhook.AcmeWebhookParser.push;
import static io.cikit.core.webhook.AcmeWebhookParser.signed;
import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.config.Secret;
import io.cikit.core.http.Headers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every outcome is counted under its own tags, per provider, and only the series that happened exist. */
class DeliveryMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Webhooks webhooks() {
        return Webhooks.builder()
                .discoverParsers(false)
                .parser(new AcmeWebhookParser())
                .parser(new AcmeWebhookParser("other"))
                .secret("acme", Secret.of(AcmeWebhookParser.SECRET))
                .secret("other", Secret.of(AcmeWebhookParser.SECRET))
                .meterRegistry(meters)
                .build();
    }

    private double deliveries(String provider, String outcome, String code, String status) {
        Counter counter = meters.find(DeliveryMetrics.DELIVERIES)
                .tags("provider", provider, "outcome", outcome, "code", code, "status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eachOutcomeAndRejectionCodeIsItsOwnSeries() {
        Webhooks webhooks = webhooks();
        WebhookRequest accepted = signed("push", "d-1", push("refs/heads/main"));
        WebhookRequest wrongType = WebhookRequest.of(accepted.headers().toBuilder().set("Content-Type", "text/plain").build(),
                accepted.body());

        webhooks.handle("acme", accepted);
        webhooks.handle("acme", accepted);
        webhooks.handle("acme", signed("ping", "d-2", "{}"));
        webhooks.handle("acme", signed("ping", "d-3", "{}"));
        webhooks.handle("acme", signed("not-the-secret", "push", "d-4", accepted.body()));
        webhooks.handle("acme", signed("push", "d-5", "{not json"));
        webhooks.handle("acme", wrongType);
        webhooks.handle("other", signed("push", "d-1", push("refs/heads/main")));
        webhooks.handle("other", signed("push", "d-6", push("refs/heads/main")));

        assertThat(deliveries("acme", "accepted", "none", "202")).isEqualTo(1);
        assertThat(deliveries("acme", "duplicate", "none", "200")).isEqualTo(1);
        assertThat(deliveries("acme", "ignored", "none", "200")).isEqualTo(2);
        assertThat(deliveries("acme", "rejected", "invalid-signature", "401")).isEqualTo(1);
        assertThat(deliveries("acme", "rejected", "malformed-payload", "400")).isEqualTo(1);
        assertThat(deliveries("acme", "rejected", "unsupported-media-type", "415")).isEqualTo(1);
        assertThat(deliveries("other", "accepted", "none", "202")).isEqualTo(2);
        assertThat(meters.get(DeliveryMetrics.HANDLE).tag("provider", "acme").timer().count()).isEqualTo(7);
        assertThat(meters.get(DeliveryMetrics.HANDLE).tag("provider", "other").timer().count()).isEqualTo(2);
        // nothing registered for what did not happen
        assertThat(meters.find(DeliveryMetrics.DELIVERIES).tags("provider", "other", "outcome", "ignored").counters()).isEmpty();
        assertThat(meters.find(DeliveryMetrics.DELIVERIES).tags("provider", "other", "outcome", "rejected").counters()).isEmpty();
        assertThat(meters.find(DeliveryMetrics.DELIVERIES).meters()).hasSize(7);
    }

    @Test
    void aProviderNamedInThePathWithNoParserIsCountedAsUnknown() {
        Webhooks webhooks = webhooks();

        webhooks.handle("nobody", signed("push", "d-1", push("refs/heads/main")));
        webhooks.handle(WebhookRequest.of(Headers.of("X-Unknown", "1"), "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(deliveries("unknown", "rejected", "unrecognised-request", "400")).isEqualTo(2);
        assertThat(meters.get(DeliveryMetrics.HANDLE).tag("provider", "unknown").timer().count()).isEqualTo(2);
    }

    @Test
    void deliveriesFromManyThreadsAreAllCounted() throws Exception {
        Webhooks webhooks = webhooks();
        int threads = 4;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Callable<Integer> work = () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String provider = i % 2 == 0 ? "acme" : "other";
                        webhooks.handle(provider, signed(i % 5 == 0 ? "ping" : "push", "t" + id + "-" + i,
                                push("refs/heads/main")));
                    }
                    return perThread;
                };
                done.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Integer> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        double total = 0;
        for (String provider : List.of("acme", "other")) {
            total += deliveries(provider, "accepted", "none", "202") + deliveries(provider, "ignored", "none", "200");
        }
        assertThat(total).isEqualTo(threads * perThread);
        // i % 5 == 0 and i % 2 == 0: every tenth delivery is a ping to acme
        assertThat(deliveries("acme", "ignored", "none", "200")).isEqualTo(threads * (perThread / 10));
        assertThat(meters.get(DeliveryMetrics.HANDLE).tag("provider", "acme").timer().count()
                + meters.get(DeliveryMetrics.HANDLE).tag("provider", "other").timer().count()).isEqualTo(threads * perThread);
        assertThat(meters.find(DeliveryMetrics.DELIVERIES).meters()).hasSize(4);
    }
}
