package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InhibitionTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final ScriptedChannel lab = new ScriptedChannel("lab", clock);

    private NotificationDispatcher dispatcher() {
        return NotificationDispatcher.builder()
                .scheduler(clock)
                .outbox(outbox)
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(lab)
                .inhibit(InhibitionRule.buildBroken())
                .meterRegistry(registry)
                .build();
    }

    private Notification testFailed(String build, String board) {
        return Notification.builder().title("ltp.sem01 failed on " + board).severity(Severity.ERROR).channels("lab")
                .testId("ltp.sem01").meta(Notification.BUILD, build).meta(Notification.BOARD, board)
                .meta(Notification.FAILURE_KIND, "test-failed").timestamp(clock.now()).build();
    }

    private Notification build(String build, String kind) {
        return Notification.builder().title("build " + build + " " + kind).severity(Severity.CRITICAL).channels("lab")
                .meta(Notification.BUILD, build).meta(Notification.FAILURE_KIND, kind).timestamp(clock.now()).build();
    }

    @Test
    void anOpenBuildBrokenNotificationMutesTestFailuresOfTheSameBuild() {
        try (NotificationDispatcher d = dispatcher()) {
            d.send(build("b-7", InhibitionRule.BUILD_BROKEN));
            Dispatch muted = d.send(testFailed("b-7", "rpi4-01"));
            Dispatch other = d.send(testFailed("b-8", "rpi4-02"));
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).extracting(Notification::title)
                    .containsExactly("build b-7 build-broken", "ltp.sem01 failed on rpi4-02");
            assertThat(muted.known()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(DeliveryResult.Outcome.SUPPRESSED);
                assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("inhibited by build-broken"));
            });
            assertThat(other.completion()).isCompletedWithValueMatching(r -> r.get(0).success());
            assertThat(registry.counter("cikit.notify.suppressed", "reason", "inhibited").count()).isEqualTo(1.0);
        }
    }

    @Test
    void aBuildBrokenNotificationAlsoMutesTestFailuresStillWaitingInTheirGroup() {
        try (NotificationDispatcher d = dispatcher()) {
            Dispatch early = d.send(testFailed("b-7", "rpi4-01"));
            clock.advance(Duration.ofSeconds(10));
            d.send(build("b-7", InhibitionRule.BUILD_BROKEN));
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).extracting(Notification::title).containsExactly("build b-7 build-broken");
            assertThat(early.completion()).isCompletedWithValueMatching(r -> r.get(0).outcome() == DeliveryResult.Outcome.SUPPRESSED);
            assertThat(outbox.depth()).isZero();
        }
    }

    @Test
    void aBuildFixedNotificationEndsTheInhibition() {
        try (NotificationDispatcher d = dispatcher()) {
            d.send(build("b-7", InhibitionRule.BUILD_BROKEN));
            d.send(build("b-7", InhibitionRule.BUILD_FIXED));
            d.send(testFailed("b-7", "rpi4-01"));
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).extracting(Notification::title)
                    .containsExactly("build b-7 build-broken", "build b-7 build-fixed", "ltp.sem01 failed on rpi4-01");
        }
    }

    @Test
    void anInhibitionLapsesAfterItsDuration() {
        try (NotificationDispatcher d = dispatcher()) {
            d.send(build("b-7", InhibitionRule.BUILD_BROKEN));
            clock.advance(Duration.ofHours(4));
            d.send(testFailed("b-7", "rpi4-01"));
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).hasSize(2);
        }
    }

    @Test
    void notificationsWithoutTheBuildKeyAreNeverMuted() {
        try (NotificationDispatcher d = dispatcher()) {
            d.send(build("b-7", InhibitionRule.BUILD_BROKEN));
            d.send(Notification.builder().title("ltp.sem01 failed").severity(Severity.ERROR).channels("lab").testId("ltp.sem01")
                    .timestamp(clock.now()).build());
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).hasSize(2);
        }
    }

    @Test
    void withoutARuleNothingIsInhibited() {
        try (NotificationDispatcher d = NotificationDispatcher.builder().scheduler(clock).outbox(outbox)
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(lab).meterRegistry(registry).build()) {
            d.send(build("b-7", InhibitionRule.BUILD_BROKEN));
            d.send(testFailed("b-7", "rpi4-01"));
            clock.advance(Duration.ofSeconds(30));

            assertThat(lab.delivered()).hasSize(2);
        }
    }
}
