package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.DeliveryException;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final Instant t0 = clock.now();

    private NotificationDispatcher dispatcher(NotificationChannel channel, RetryPolicy retry) {
        return NotificationDispatcher.builder()
                .scheduler(clock)
                .outbox(outbox)
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(channel)
                .retry(retry)
                .random(new SplittableRandom(42))
                .meterRegistry(registry)
                .build();
    }

    private Notification note(String title) {
        return Notification.builder().title(title).severity(Severity.ERROR).channels("lab").timestamp(clock.now()).build();
    }

    private List<Duration> offsets(ScriptedChannel c) {
        return c.calls().stream().map(call -> Duration.between(t0, call.at())).toList();
    }

    @Test
    void retryableFailuresAreRetriedWithFullJitterBackoffUntilDelivered() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenFailRetryable(4);
        try (NotificationDispatcher d = dispatcher(lab, RetryPolicy.DEFAULT)) {
            Dispatch dispatch = d.send(note("n"));
            clock.advance(Duration.ofMinutes(1));

            List<Duration> at = offsets(lab);
            assertThat(at).hasSize(5);
            // each wait lies in [0, 1 s × 2^(failures-1)]
            for (int i = 1; i < at.size(); i++) {
                Duration wait = at.get(i).minus(at.get(i - 1));
                assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(1L << (i - 1)));
            }
            assertThat(lab.calls()).extracting(ScriptedChannel.Call::idempotencyKey).as("one key for every attempt").containsOnly(
                    lab.calls().get(0).idempotencyKey());
            assertThat(dispatch.completion()).isCompletedWithValueMatching(r -> r.get(0).outcome() == DeliveryResult.Outcome.DELIVERED
                    && r.get(0).attempts() == 5);
            assertThat(registry.counter("cikit.notify.retried", "channel", "lab", "kind", "backoff").count()).isEqualTo(4.0);
            assertThat(outbox.depth()).isZero();
        }
    }

    @Test
    void theBackoffCeilingDoublesUpToTheMaximum() {
        RetryPolicy p = new RetryPolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24));

        assertThat(p.backoffCeiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoffCeiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoffCeiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(p.backoffCeiling(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(p.backoffCeiling(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.backoffCeiling(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnceAndCounted() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenFailPermanently();
        try (NotificationDispatcher d = dispatcher(lab, RetryPolicy.DEFAULT)) {
            Notification n = note("n");
            Dispatch dispatch = d.send(n);
            clock.advance(Duration.ofHours(1));

            assertThat(lab.calls()).hasSize(1);
            assertThat(dispatch.completion()).isCompletedWithValueMatching(r -> r.get(0).outcome() == DeliveryResult.Outcome.DEAD_LETTERED
                    && r.get(0).error().orElseThrow().contains("404 channel_not_found") && r.get(0).attempts() == 1);
            assertThat(d.deadLetters()).singleElement().satisfies(dl -> {
                assertThat(dl.notification()).isEqualTo(n);
                assertThat(dl.channel()).isEqualTo("lab");
                assertThat(dl.reason()).startsWith("permanent: ");
                assertThat(dl.attempts()).isEqualTo(1);
            });
            assertThat(outbox.depth()).isZero();
            assertThat(registry.counter("cikit.notify.failed", "channel", "lab", "reason", "permanent").count()).isEqualTo(1.0);
            assertThat(registry.get("cikit.notify.outbox.dead-letters").gauge().value()).isEqualTo(1.0);
        }
    }

    @Test
    void retriesRunOutAfterMaxAttempts() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenFailRetryable(10);
        RetryPolicy three = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1));
        try (NotificationDispatcher d = dispatcher(lab, three)) {
            d.send(note("n"));
            clock.advance(Duration.ofMinutes(5));

            assertThat(lab.calls()).hasSize(3);
            assertThat(d.deadLetters()).singleElement().satisfies(dl -> assertThat(dl.reason()).startsWith("gave up after 3 attempts"));
            assertThat(registry.counter("cikit.notify.failed", "channel", "lab", "reason", "retries-exhausted").count()).isEqualTo(1.0);
        }
    }

    @Test
    void retryAfterWaitsDoNotUseUpAttempts() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock);
        for (int i = 0; i < 5; i++) {
            lab.thenRateLimited(Duration.ofSeconds(2));
        }
        RetryPolicy two = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1));
        try (NotificationDispatcher d = dispatcher(lab, two)) {
            Dispatch dispatch = d.send(note("n"));
            clock.advance(Duration.ofMinutes(1));

            assertThat(lab.calls()).hasSize(6);
            assertThat(offsets(lab)).containsExactly(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(6),
                    Duration.ofSeconds(8), Duration.ofSeconds(10));
            assertThat(dispatch.completion()).isCompletedWithValueMatching(r -> r.get(0).success());
        }
    }

    @Test
    void aRetryAfterBeyondTheMaximumAgeDeadLettersInsteadOfSendingEarly() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenRateLimited(Duration.ofHours(2));
        RetryPolicy oneHour = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(1));
        try (NotificationDispatcher d = dispatcher(lab, oneHour)) {
            d.send(note("n"));
            clock.advance(Duration.ofHours(3));

            assertThat(lab.calls()).hasSize(1);
            assertThat(d.deadLetters()).singleElement().satisfies(dl -> assertThat(dl.reason()).startsWith("expired"));
            assertThat(registry.counter("cikit.notify.failed", "channel", "lab", "reason", "expired").count()).isEqualTo(1.0);
        }
    }

    @Test
    void retryTimingIsIndependentOfGroupingTimers() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenFailRetryable(1);
        try (NotificationDispatcher d = dispatcher(lab, RetryPolicy.DEFAULT)) {
            d.send(note("n").toBuilder().testId("ltp.sem01").build());
            clock.advance(Duration.ofSeconds(30));
            assertThat(lab.calls()).hasSize(1);

            // the retry comes within its backoff (≤ 1 s), not at the next group interval (5 min)
            clock.advance(Duration.ofSeconds(1));
            assertThat(lab.delivered()).hasSize(1);
        }
    }

    @Test
    void aChannelThrowingSomethingElseIsTreatedAsRetryable() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenFail(() -> new IllegalStateException("bug in channel"));
        try (NotificationDispatcher d = dispatcher(lab, RetryPolicy.DEFAULT)) {
            d.send(note("n"));
            clock.advance(Duration.ofSeconds(2));

            assertThat(lab.calls()).hasSize(2);
            assertThat(lab.delivered()).hasSize(1);
        }
    }

    @Test
    void aFailingHeadHoldsBackTheLaneSoADownDestinationIsNotHammered() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenFailRetryable(3);
        try (NotificationDispatcher d = dispatcher(lab, RetryPolicy.DEFAULT)) {
            for (int i = 0; i < 5; i++) {
                d.send(note("n" + i));
            }
            clock.runDue();
            assertThat(lab.calls()).hasSize(1);

            clock.advance(Duration.ofSeconds(10));
            assertThat(lab.calls()).extracting(c -> c.notification().title()).containsExactly("n0", "n0", "n0", "n0", "n1", "n2", "n3", "n4");
        }
    }

    @Test
    void worseSeveritiesJumpTheQueue() {
        ScriptedChannel slack = new ScriptedChannel("slack", clock);
        try (NotificationDispatcher d = NotificationDispatcher.builder().scheduler(clock).outbox(outbox)
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(slack).grouping(GroupingPolicy.none()).meterRegistry(registry).build()) {
            for (int i = 0; i < 3; i++) {
                d.send(Notification.builder().title("info " + i).severity(Severity.INFO).channels("slack").build());
            }
            d.send(Notification.builder().title("critical").severity(Severity.CRITICAL).channels("slack").build());
            clock.advance(Duration.ofSeconds(5));

            assertThat(slack.calls()).extracting(c -> c.notification().title()).containsExactly("info 0", "critical", "info 1", "info 2");
        }
    }

    @Test
    void deadLettersCanBeReplayedWithTheSameIdempotencyKeyOrDiscarded() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenFailPermanently().thenFailPermanently();
        try (NotificationDispatcher d = dispatcher(lab, RetryPolicy.DEFAULT)) {
            d.send(note("a"));
            d.send(note("b"));
            clock.runDue();
            clock.runDue();
            assertThat(d.deadLetters()).hasSize(2);

            assertThat(d.replay(dl -> dl.notification().title().equals("a"))).isEqualTo(1);
            clock.runDue();

            assertThat(lab.delivered()).extracting(Notification::title).containsExactly("a");
            assertThat(lab.calls().get(2).idempotencyKey()).isEqualTo(lab.calls().get(0).idempotencyKey());
            assertThat(d.deadLetters()).extracting(dl -> dl.notification().title()).containsExactly("b");

            assertThat(d.discard(dl -> true)).isEqualTo(1);
            assertThat(d.deadLetters()).isEmpty();
            assertThat(outbox.depth()).isZero();
        }
    }

    @Test
    void aRetryableDeliveryExceptionCarriesItsRetryAfter() {
        DeliveryException e = new DeliveryException("429", Duration.ofSeconds(-3));

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ZERO);
        assertThat(new DeliveryException("500", true).retryAfter()).isEmpty();
    }
}
