package io.cikit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;



import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM accepts 1,000 notifications into a {@link FileOutbox} and is killed with
 * {@code destroyForcibly} while it is still delivering them to a receiver in this JVM; a new dispatcher on the same
 * directory then finishes the job.
 */
class CrashRecoveryTest {
    private static final int COUNT = 1_000;

    record Received(String idempotencyKey, String notificationId) {
    }

    private RecordingReceiver receiver;
    private URI hook;

    @BeforeEach
    void startReceiver() throws IOException {
        // 2 ms per answer: slow enough that the child cannot finish before it is killed
        receiver = new RecordingReceiver(2);
        hook = receiver.uri("/hook");
    }

    @AfterEach
    void stopReceiver() throws IOException {
        receiver.close();
    }

    private int receivedCount() {
        return receiver.count();
    }

    private List<Received> received() {
        return receiver.requests().stream()
                .map(h -> new Received(h.get("idempotency-key"), h.get("x-notification-id")))
                .toList();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aNewDispatcherCompletesDeliveryAfterTheSenderIsKilledMidway(@TempDir Path tmp) throws Exception {
        Path outboxDir = tmp.resolve("outbox");
        Path childLog = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashingSender.class.getName(), outboxDir.toString(), hook.toString(), Integer.toString(COUNT))
                .redirectError(childLog.toFile())
                .start();
        int beforeKill;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("child output; its log: %s", childLog).isEqualTo("ACCEPTED " + COUNT);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (receivedCount() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            beforeKill = receivedCount();
        }
        assertThat(beforeKill).as("the child was killed mid-delivery").isBetween(1, COUNT - 1);
        receiver.delay(0);

        try (FileOutbox outbox = FileOutbox.open(outboxDir);
             NotificationDispatcher dispatcher = NotificationDispatcher.builder()
                     .outbox(outbox)
                     .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                     .channel(new HttpHookChannel("hook", hook))
                     .grouping(GroupingPolicy.none())
                     .meterRegistry(new SimpleMeterRegistry())
                     .build()) {
            assertThat(outbox.depth()).as("deliveries left over by the dead child").isPositive();
            assertThat(dispatcher.drain(Duration.ofSeconds(20))).isTrue();
            assertThat(outbox.depth()).isZero();
            assertThat(outbox.deadLetters()).isEmpty();
        }

        List<Received> all = received();
        Set<String> expectedIds = new HashSet<>(IntStream.range(0, COUNT).mapToObj(CrashingSender::idOf).toList());
        assertThat(all).extracting(Received::notificationId).as("every notification at least once").containsAll(expectedIds);
        assertThat(all.size()).isGreaterThanOrEqualTo(COUNT);

        Map<String, String> byKey = new HashMap<>();
        for (Received r : all) {
            String previous = byKey.putIfAbsent(r.idempotencyKey(), r.notificationId());
            assertThat(previous == null || previous.equals(r.notificationId()))
                    .as("key %s names one notification", r.idempotencyKey()).isTrue();
            assertThat(r.idempotencyKey()).isEqualTo(new DeliveryKey(r.notificationId(), "hook").idempotencyKey());
        }
        assertThat(byKey).as("exactly once after deduplicating by idempotency key").hasSize(COUNT);
        assertThat(Files.exists(outboxDir.resolve("outbox.lock"))).isTrue();
    }
}
