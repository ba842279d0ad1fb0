package io.cikit.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.cikit.core.notify.DeadLetter;
import io.cikit.core.notify.DeliveryKey;
import io.cikit.core.notify.FileOutbox;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationDispatcher;
import io.cikit.core.notify.OutboxUpdate;
import io.cikit.core.notify.PendingDelivery;
import io.cikit.core.notify.Severity;
import io.cikit.core.notify.WebhookChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cikit notify outbox list|replay} on a real {@link FileOutbox} in a temporary directory. */
class NotifyOutboxCommandTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    private Path outboxDir() {
        return tmp.resolve("outbox");
    }

    private static Notification note(String id, String title) {
        return Notification.builder().id(id).title(title).severity(Severity.ERROR).channels("webhook", "slack")
                .timestamp(T0).build();
    }

    /** One pending delivery and three dead letters (two on webhook, one on slack), as a dispatcher leaves them. */
    private void fillOutbox() {
        try (FileOutbox outbox = FileOutbox.open(outboxDir())) {
            outbox.record(OutboxUpdate.add(List.of(new PendingDelivery(note("n-1", "waiting"), "webhook",
                    PendingDelivery.Stage.GROUPING))));
            outbox.record(OutboxUpdate.deadLetter(new DeadLetter(note("n-2", "refused"), "webhook", "HTTP 404", 1, T0.plusSeconds(5))));
            outbox.record(OutboxUpdate.deadLetter(new DeadLetter(note("n-3", "gone"), "webhook", "HTTP 410", 1, T0.plusSeconds(6))));
            outbox.record(OutboxUpdate.deadLetter(new DeadLetter(note("n-2", "refused"), "slack",
                    "retries exhausted: HTTP 500", 10, T0.plusSeconds(7))));
        }
    }

    @Test
    void listPrintsPendingDeliveriesAndDeadLettersWithTheirErrorsAndTimes() {
        fillOutbox();

        CliRun run = CliRun.of("notify", "outbox", "list", "--dir", outboxDir().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode out = run.json();
        assertThat(out.path("counts").path("pending").asInt()).isEqualTo(1);
        assertThat(out.path("counts").path("deadLetters").asInt()).isEqualTo(3);
        JsonNode pending = out.path("pending").get(0);
        assertThat(pending.path("notificationId").asText()).isEqualTo("n-1");
        assertThat(pending.path("channel").asText()).isEqualTo("webhook");
        assertThat(pending.path("stage").asText()).isEqualTo("grouping");
        assertThat(pending.path("timestamp").asText()).isEqualTo("2026-03-01T10:00:00Z");
        JsonNode dead = out.path("deadLetters").get(2);
        assertThat(dead.path("notificationId").asText()).isEqualTo("n-2");
        assertThat(dead.path("channel").asText()).isEqualTo("slack");
        assertThat(dead.path("attempts").asInt()).isEqualTo(10);
        assertThat(dead.path("lastError").asText()).isEqualTo("retries exhausted: HTTP 500");
        assertThat(dead.path("deadLetteredAt").asText()).isEqualTo("2026-03-01T10:00:07Z");
        assertThat(out.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void listDeadShowsOnlyDeadLettersAndLimitCutsTheListsButNotTheCounts() {
        fillOutbox();

        JsonNode dead = CliRun.of("notify", "outbox", "list", "--dead", "--dir", outboxDir().toString()).json();
        JsonNode limited = CliRun.of("notify", "outbox", "list", "--limit", "1", "--dir", outboxDir().toString()).json();

        assertThat(dead.has("pending")).isFalse();
        assertThat(dead.path("deadLetters")).hasSize(3);
        assertThat(limited.path("deadLetters")).hasSize(1);
        assertThat(limited.path("counts").path("deadLetters").asInt()).isEqualTo(3);
        assertThat(limited.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void replayByChannelMovesOnlyThoseDeadLettersBackToPending() {
        fillOutbox();

        CliRun run = CliRun.of("notify", "outbox", "replay", "--channel", "webhook", "--dir", outboxDir().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().path("count").asInt()).isEqualTo(2);
        assertThat(run.json().path("replayed")).extracting(n -> n.path("notificationId").asText()).containsExactly("n-2", "n-3");
        try (FileOutbox reopened = FileOutbox.open(outboxDir())) {
            assertThat(reopened.deadLetters()).extracting(DeadLetter::channel).containsExactly("slack");
            assertThat(reopened.pending()).extracting(p -> p.notification().id() + "/" + p.channel() + "/" + p.stage())
                    .containsExactlyInAnyOrder("n-1/webhook/GROUPING", "n-2/webhook/READY", "n-3/webhook/READY");
        }
    }

    @Test
    void replayByIdAndChannelTogetherNarrowsToTheirIntersectionAndNothingMatchingIsNoError() {
        fillOutbox();

        CliRun one = CliRun.of("notify", "outbox", "replay", "--id", "n-2", "--channel", "slack", "--dir", outboxDir().toString());
        CliRun none = CliRun.of("notify", "outbox", "replay", "--id", "n-404", "--dir", outboxDir().toString());

        assertThat(one.json().path("replayed")).singleElement()
                .satisfies(n -> assertThat(n.path("channel").asText()).isEqualTo("slack"));
        assertThat(none.exit()).isZero();
        assertThat(none.json().path("count").asInt()).isZero();
        assertThat(none.err()).contains("nothing was replayed");
        try (FileOutbox reopened = FileOutbox.open(outboxDir())) {
            assertThat(reopened.deadLetters()).extracting(d -> d.notification().id()).containsExactly("n-2", "n-3");
        }
    }

    @Test
    void theNextDispatcherOnTheDirectoryDeliversWhatWasReplayedWithTheOriginalKey() {
        WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            try (FileOutbox outbox = FileOutbox.open(outboxDir())) {
                outbox.record(OutboxUpdate.deadLetter(new DeadLetter(note("n-9", "board lost"), "webhook", "HTTP 404", 1, T0)));
            }

            assertThat(CliRun.of("notify", "outbox", "replay", "--dir", outboxDir().toString()).exit()).isZero();
            try (FileOutbox outbox = FileOutbox.open(outboxDir());
                 NotificationDispatcher d = NotificationDispatcher.builder().outbox(outbox)
                         .channel(WebhookChannel.builder().url(URI.create(receiver.baseUrl() + "/hook")).build())
                         .meterRegistry(new SimpleMeterRegistry()).build()) {
                assertThat(d.drain(Duration.ofSeconds(20))).isTrue();
                assertThat(outbox.depth()).isZero();
                assertThat(outbox.deadLetters()).isEmpty();
            }

            receiver.verify(1, postRequestedFor(urlPathEqualTo("/hook")).withHeader(WebhookChannel.IDEMPOTENCY_HEADER,
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo(new DeliveryKey("n-9", "webhook").idempotencyKey())));
        } finally {
            receiver.stop();
        }
    }

    @Test
    void aMissingDirectoryIsExitTwoAndIsNotCreated() {
        Path missing = tmp.resolve("nope");

        CliRun list = CliRun.of("notify", "outbox", "list", "--dir", missing.toString());
        CliRun replay = CliRun.of("notify", "outbox", "replay", "--dir", missing.toString());

        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.json().path("error").asText()).contains("no such directory");
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(missing).doesNotExist();
    }

    @Test
    void aDirectoryThatIsNoOutboxIsExitTwoAndStaysUntouched() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));

        CliRun run = CliRun.of("notify", "outbox", "list", "--dir", plain.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.json().path("error").asText()).contains("no journal");
        try (var files = Files.list(plain)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anUnreadableJournalOrAnOutboxInUseIsExitTwo() throws IOException {
        fillOutbox();
        try (FileOutbox held = FileOutbox.open(outboxDir())) {
            CliRun inUse = CliRun.of("notify", "outbox", "replay", "--dir", outboxDir().toString());

            assertThat(inUse.exit()).isEqualTo(2);
            assertThat(inUse.json().path("error").asText()).contains("in use");
            assertThat(held.deadLetters()).hasSize(3);
        }
        Path corrupt = Files.createDirectories(tmp.resolve("corrupt"));
        Files.writeString(corrupt.resolve("journal-000001.log"), "not a journal at all, certainly not");

        CliRun bad = CliRun.of("notify", "outbox", "list", "--dir", corrupt.toString());

        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.json().path("error").asText()).isNotBlank();
    }

    @Test
    void theDirOptionIsRequired() {
        CliRun run = CliRun.of("notify", "outbox", "list");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.json().path("error").asText()).contains("--dir");
    }
}
