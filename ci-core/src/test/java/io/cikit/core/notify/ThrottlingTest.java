package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.notify.internal.TokenBucket;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottlingTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Instant t0 = clock.now();

    private NotificationDispatcher.Builder builder(NotificationChannel... channels) {
        NotificationDispatcher.Builder b = NotificationDispatcher.builder()
                .scheduler(clock)
                .outbox(new InMemoryOutbox())
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .grouping(GroupingPolicy.none())
                .meterRegistry(registry);
        for (NotificationChannel c : channels) {
            b.channel(c);
        }
        return b;
    }

    private Notification note(String channel, int i) {
        return Notification.builder().title("n" + i).severity(Severity.INFO).channels(channel).timestamp(clock.now()).build();
    }

    private List<Duration> offsets(ScriptedChannel c) {
        return c.calls().stream().map(call -> Duration.between(t0, call.at())).toList();
    }

    @Test
    void slackIsHeldToAboutOneMessageASecond() {
        ScriptedChannel slack = new ScriptedChannel("slack", clock);
        try (NotificationDispatcher d = builder(slack).build()) {
            for (int i = 0; i < 4; i++) {
                d.send(note("slack", i));
            }
            clock.advance(Duration.ofSeconds(10));

            assertThat(offsets(slack)).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        }
    }

    @Test
    void teamsIsHeldToAboutFourRequestsASecondAfterABurstOfFour() {
        ScriptedChannel teams = new ScriptedChannel("teams", clock);
        try (NotificationDispatcher d = builder(teams).build()) {
            for (int i = 0; i < 6; i++) {
                d.send(note("teams", i));
            }
            clock.advance(Duration.ofSeconds(2));

            assertThat(offsets(teams)).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                    Duration.ofMillis(250), Duration.ofMillis(500));
        }
    }

    @Test
    void aChannelsDeclaredLimitAppliesAndTheBuilderOverridesIt() {
        ScriptedChannel custom = new ScriptedChannel("discord", clock).declaring(new RateLimit(0.5, 1));
        try (NotificationDispatcher d = builder(custom).build()) {
            d.send(note("discord", 1));
            d.send(note("discord", 2));
            clock.advance(Duration.ofSeconds(5));
            assertThat(offsets(custom)).containsExactly(Duration.ZERO, Duration.ofSeconds(2));
        }
        ScriptedChannel overridden = new ScriptedChannel("slack", clock);
        Instant start = clock.now();
        try (NotificationDispatcher d = builder(overridden).rateLimit("slack", new RateLimit(10, 1)).build()) {
            d.send(note("slack", 1));
            d.send(note("slack", 2));
            clock.advance(Duration.ofSeconds(1));
            assertThat(overridden.calls()).extracting(c -> Duration.between(start, c.at()))
                    .containsExactly(Duration.ZERO, Duration.ofMillis(100));
        }
    }

    @Test
    void channelsAreThrottledIndependently() {
        ScriptedChannel slack = new ScriptedChannel("slack", clock);
        ScriptedChannel other = new ScriptedChannel("lab", clock);
        try (NotificationDispatcher d = builder(slack, other).build()) {
            for (int i = 0; i < 3; i++) {
                d.send(note("slack", i));
                d.send(note("lab", i));
            }
            clock.runDue();

            assertThat(slack.calls()).hasSize(1);
            assertThat(other.calls()).as("an unlimited channel is not held back by slack's pace").hasSize(3);
        }
    }

    @Test
    void retryAfterPausesTheWholeDestinationForExactlyAsLongAsTold() {
        ScriptedChannel lab = new ScriptedChannel("lab", clock).thenRateLimited(Duration.ofSeconds(7));
        try (NotificationDispatcher d = builder(lab).build()) {
            Notification first = note("lab", 1);
            d.send(first);
            d.send(note("lab", 2));
            clock.advance(Duration.ofMillis(6_999));
            assertThat(lab.calls()).as("nothing is sent before Retry-After has passed").hasSize(1);

            clock.advance(Duration.ofMillis(1));

            assertThat(offsets(lab)).containsExactly(Duration.ZERO, Duration.ofSeconds(7), Duration.ofSeconds(7));
            assertThat(lab.delivered().get(0)).as("the rate-limited delivery goes first").isEqualTo(first);
            assertThat(registry.counter("cikit.notify.retried", "channel", "lab", "kind", "retry-after").count()).isEqualTo(1.0);
        }
    }

    @Test
    void retryAfterIsHonouredEvenWhenTheBucketWouldAllowSooner() {
        ScriptedChannel slack = new ScriptedChannel("slack", clock).thenRateLimited(Duration.ofSeconds(30));
        try (NotificationDispatcher d = builder(slack).build()) {
            d.send(note("slack", 1));
            clock.advance(Duration.ofMinutes(1));

            assertThat(offsets(slack)).containsExactly(Duration.ZERO, Duration.ofSeconds(30));
        }
    }

    @Test
    void theTokenBucketRefillsAtItsRateUpToItsBurst() {
        TokenBucket bucket = new TokenBucket(new RateLimit(2, 2), t0);

        assertThat(bucket.delay(t0)).isZero();
        bucket.take(t0);
        bucket.take(t0);
        assertThat(bucket.delay(t0)).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.delay(t0.plusMillis(500))).isZero();
        assertThat(bucket.delay(t0.plusSeconds(60))).isZero();
        bucket.take(t0.plusSeconds(60));
        bucket.take(t0.plusSeconds(60));
        assertThat(bucket.delay(t0.plusSeconds(60))).as("a long idle time does not bank more than the burst")
                .isEqualTo(Duration.ofMillis(500));
    }
}
