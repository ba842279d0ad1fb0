package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new dispatcher on an outbox that still holds deliveries picks up where the last one stopped. */
class ResumeTest {
    @TempDir
    Path dir;

    private final ManualScheduler clock = new ManualScheduler();

    private NotificationDispatcher dispatcher(FileOutbox outbox, NotificationChannel... channels) {
        NotificationDispatcher.Builder b = NotificationDispatcher.builder()
                .scheduler(clock)
                .outbox(outbox)
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .meterRegistry(new SimpleMeterRegistry());
        for (NotificationChannel c : channels) {
            b.channel(c);
        }
        return b.build();
    }

    private Notification failure(String board) {
        return Notification.builder().id("n-" + board).title("ltp.sem01 failed on " + board).severity(Severity.ERROR)
                .channels("lab").testId("ltp.sem01").meta(Notification.BOARD, board).meta(Notification.BRANCH, "main")
                .timestamp(clock.now()).build();
    }

    @Test
    void membersWaitingInAGroupWindowAreRegroupedAfterARestart() {
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            ScriptedChannel before = new ScriptedChannel("lab", clock);
            NotificationDispatcher first = dispatcher(outbox, before);
            first.send(failure("rpi4-01"));
            first.send(failure("rpi4-02"));
            first.send(failure("imx8-01"));
            first.close();
            assertThat(before.calls()).isEmpty();
        }
        ScriptedChannel after = new ScriptedChannel("lab", clock);
        try (FileOutbox outbox = FileOutbox.open(dir); NotificationDispatcher second = dispatcher(outbox, after)) {
            assertThat(second.inFlight()).isEqualTo(3);
            clock.advance(Duration.ofSeconds(29));
            assertThat(after.calls()).as("a fresh group window").isEmpty();
            clock.advance(Duration.ofSeconds(1));

            assertThat(after.delivered()).singleElement().satisfies(d -> assertThat(d.title()).isEqualTo("3 boards failed `ltp.sem01` on main"));
            assertThat(outbox.depth()).isZero();
            assertThat(second.inFlight()).isZero();
        }
    }

    @Test
    void aDigestRecordedButNotDeliveredIsSentAfterARestartWithTheSameIdempotencyKey() {
        ScriptedChannel failing = new ScriptedChannel("lab", clock).thenFailRetryable(1);
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            NotificationDispatcher first = dispatcher(outbox, failing);
            first.send(failure("rpi4-01"));
            first.send(failure("rpi4-02"));
            clock.advance(Duration.ofSeconds(30));
            first.close();
            assertThat(failing.calls()).hasSize(1);
            assertThat(outbox.pending()).singleElement().satisfies(p -> {
                assertThat(p.notification().id()).startsWith("digest-");
                assertThat(p.stage()).isEqualTo(PendingDelivery.Stage.READY);
            });
        }
        ScriptedChannel after = new ScriptedChannel("lab", clock);
        try (FileOutbox outbox = FileOutbox.open(dir); NotificationDispatcher second = dispatcher(outbox, after)) {
            clock.runDue();

            assertThat(after.calls()).singleElement().satisfies(c -> {
                assertThat(c.idempotencyKey()).isEqualTo(failing.calls().get(0).idempotencyKey());
                assertThat(c.notification()).isEqualTo(failing.calls().get(0).notification());
            });
            assertThat(outbox.depth()).isZero();
            assertThat(second.inFlight()).isZero();
        }
    }

    @Test
    void deliveriesForAChannelNotConfiguredAnyMoreStayInTheOutbox() {
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            NotificationDispatcher first = dispatcher(outbox, new ScriptedChannel("lab", clock), new ScriptedChannel("pager", clock));
            first.send(Notification.builder().id("x").title("t").severity(Severity.INFO).channels("lab", "pager").build());
            first.close();
        }
        ScriptedChannel lab = new ScriptedChannel("lab", clock);
        try (FileOutbox outbox = FileOutbox.open(dir); NotificationDispatcher second = dispatcher(outbox, lab)) {
            clock.runDue();

            assertThat(lab.delivered()).hasSize(1);
            assertThat(second.inFlight()).isZero();
            assertThat(outbox.pending()).singleElement().extracting(PendingDelivery::channel).isEqualTo("pager");
        }
    }

    @Test
    void deadLettersSurviveARestartAndCanBeReplayedFromTheNextDispatcher() {
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            NotificationDispatcher first = dispatcher(outbox, new ScriptedChannel("lab", clock).thenFailPermanently());
            first.send(Notification.builder().id("x").title("t").severity(Severity.INFO).channels("lab").build());
            clock.runDue();
            first.close();
        }
        ScriptedChannel lab = new ScriptedChannel("lab", clock);
        try (FileOutbox outbox = FileOutbox.open(dir); NotificationDispatcher second = dispatcher(outbox, lab)) {
            assertThat(second.deadLetters()).singleElement().satisfies(d -> assertThat(d.reason()).contains("404"));

            assertThat(second.replay(d -> true)).isEqualTo(1);
            clock.runDue();

            assertThat(lab.delivered()).extracting(Notification::id).containsExactly("x");
            assertThat(outbox.deadLetters()).isEmpty();
            assertThat(outbox.depth()).isZero();
        }
    }
}
