package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.DeliveryException;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets in docs/notifications.md, compiled and run. Keep the two in step. */
class NotificationsGuideTest {
    @TempDir
    Path dir;

    /** A host's own channel, written only against the SPI. */
    // tag::channel[]
    static final class PagerChannel implements NotificationChannel {
        private final List<String> pages = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public void deliver(Notification n, String idempotencyKey) {
            // a real channel calls its service here, with connect and read timeouts, sending idempotencyKey along
            if (n.message().length() > 1_000) {
                throw new DeliveryException("page too long", false);   // permanent: dead-lettered, never retried
            }
            pages.add(idempotencyKey + " " + n.title());
        }

        @Override
        public Optional<RateLimit> rateLimit() {
            return Optional.of(RateLimit.perSecond(2));
        }
    }
    // end::channel[]

    @Test
    void quickStart() {
        PagerChannel pager = new PagerChannel();
        Path outboxDir = dir.resolve("outbox");
        // tag::quick-start[]
        try (FileOutbox outbox = FileOutbox.open(outboxDir);
             NotificationDispatcher notify = NotificationDispatcher.builder()
                     .outbox(outbox)                              // durable: survives a crash
                     .channel(pager)                              // by hand; slack/email/teams come from ServiceLoader
                     .routing(RoutingRules.builder()
                             .atLeast(Severity.INFO, "slack")
                             .atLeast(Severity.ERROR, "pager")
                             .build())
                     .grouping(GroupingPolicy.defaults())         // 30 s wait, 5 min interval, 4 h repeat
                     .inhibit(InhibitionRule.buildBroken())
                     .meterRegistry(new SimpleMeterRegistry())
                     .build()) {

            Dispatch d = notify.route(Notification.builder()
                    .title("ltp.sem01 failed on rpi4-03")
                    .message("sem01: timed out after 300 s")
                    .severity(Severity.ERROR)
                    .testId("ltp.sem01")
                    .meta(Notification.BOARD, "rpi4-03")
                    .meta(Notification.BRANCH, "main")
                    .meta(Notification.BUILD, "linux-next-20260301")
                    .build());

            // durably accepted for pager; slack is not on the classpath here, which the result says
            assertThat(d.accepted()).containsExactly("pager");
            assertThat(d.known()).singleElement().satisfies(r -> assertThat(r.error()).hasValueSatisfying(e ->
                    assertThat(e).isEqualTo("`slack` channel requested but io.cikit:ci-notify-slack is not on the classpath "
                            + "(available: webhook)")));

            notify.drain(Duration.ofSeconds(10));                 // flush groups now, wait for delivery
        }
        // end::quick-start[]
        assertThat(pager.pages).singleElement().asString().endsWith(" ltp.sem01 failed on rpi4-03");
    }

    @Test
    void criticalFailureAndDeadLetters() {
        PagerChannel pager = new PagerChannel();
        try (NotificationDispatcher notify = NotificationDispatcher.builder()
                .outbox(new InMemoryOutbox())
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(pager)
                .routing(RoutingRules.builder().atLeast(Severity.CRITICAL, "pager").build())
                .meterRegistry(new SimpleMeterRegistry())
                .build()) {
            // tag::critical[]
            Dispatch d = notify.sendCriticalFailure(
                    "Kernel panic on imx8-01", "BUG: unable to handle page fault at 0x0",
                    "boot.smoke", "F-1234",
                    List.of(Recipient.email("Kernel team", "kernel@example.org").withSlackUserId("S0KERNEL")),
                    Map.of(Notification.BOARD, "imx8-01", Notification.BRANCH, "main"));
            List<DeliveryResult> results = d.completion().join();   // one per channel, once each is final
            // end::critical[]
            assertThat(results).singleElement().satisfies(r -> assertThat(r.success()).isTrue());

            notify.send(Notification.builder().title("dmesg").message("x".repeat(5_000)).severity(Severity.INFO)
                    .channels("pager").build());
            notify.drain(Duration.ofSeconds(10));
            // tag::dead-letters[]
            for (DeadLetter letter : notify.deadLetters()) {
                System.out.printf("%s → %s: %s (%d attempts)%n",
                        letter.notification().id(), letter.channel(), letter.reason(), letter.attempts());
            }
            int replayed = notify.replay(letter -> letter.channel().equals("pager") && !letter.reason().contains("too long"));
            int discarded = notify.discard(letter -> letter.reason().contains("too long"));
            // end::dead-letters[]
            assertThat(replayed).isZero();
            assertThat(discarded).isEqualTo(1);
        }
    }
}
