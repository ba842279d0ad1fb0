package io.cikit.core.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small builders and file helpers shared by the outbox tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Notification notification(String id, String... channels) {
        return Notification.builder()
                .id(id)
                .title("ltp.sem01 failed on rpi4-0" + id.length())
                .message("exit status 1\nsee https://lava.example/job/" + id)
                .severity(Severity.ERROR)
                .channels(channels)
                .recipient(Recipient.email("Ana Lab", "ana@example.org").withSlackUserId("U0AB").withTeamsUserId("29:1a"))
                .meta(Notification.BOARD, "rpi4-03")
                .meta(Notification.BRANCH, "main")
                .meta("ünïcode", "✓ 😀")
                .testId("ltp.sem01")
                .failureId("F-" + id)
                .timestamp(Instant.parse("2026-03-01T10:00:00.123456789Z"))
                .build();
    }

    static PendingDelivery ready(String id, String channel) {
        return new PendingDelivery(notification(id, channel), channel, PendingDelivery.Stage.READY);
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals("outbox.lock")) {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path onlyJournal(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("journal-\\d+\\.log")).reduce((a, b) -> {
                throw new AssertionError("more than one journal: " + a + ", " + b);
            }).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
