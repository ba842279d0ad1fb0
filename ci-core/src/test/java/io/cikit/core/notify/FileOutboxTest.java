package io.cikit.core.notify;

import static io.cikit.core.notify.Fixtures.notification;
import static io.cikit.core.notify.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxTest {
    @TempDir
    Path dir;

    private static DeadLetter dead(PendingDelivery p, String reason) {
        return new DeadLetter(p.notification(), p.channel(), reason, 3, Instant.parse("2026-03-01T11:00:00Z"));
    }

    @Test
    void pendingDeliveriesAndDeadLettersSurviveAReopen() {
        Notification twoChannels = notification("n1", "slack", "email");
        PendingDelivery slack = new PendingDelivery(twoChannels, "slack", PendingDelivery.Stage.READY);
        PendingDelivery email = new PendingDelivery(twoChannels, "email", PendingDelivery.Stage.GROUPING);
        PendingDelivery other = ready("n2", "teams");
        PendingDelivery gone = ready("n3", "slack");
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            outbox.record(OutboxUpdate.add(List.of(slack, email, other, gone)));
            outbox.record(OutboxUpdate.deadLetter(dead(other, "permanent: 404")));
            outbox.record(OutboxUpdate.acknowledge(gone.key()));
            assertThat(outbox.depth()).isEqualTo(2);
        }
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.pending()).containsExactly(slack, email);
            assertThat(reopened.deadLetters()).containsExactly(dead(other, "permanent: 404"));
            assertThat(reopened.tornBytesOnOpen()).isZero();
        }
    }

    @Test
    void requeueMovesMatchingDeadLettersBackToPendingInOneDurableRecord() {
        PendingDelivery a = ready("n1", "slack");
        PendingDelivery b = ready("n2", "slack");
        PendingDelivery c = ready("n3", "teams");
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            outbox.record(OutboxUpdate.add(List.of(a, b, c)));
            outbox.record(new OutboxUpdate(List.of(), List.of(dead(a, "404"), dead(b, "410"), dead(c, "400")), List.of()));

            List<DeadLetter> moved = outbox.requeue(d -> d.channel().equals("slack"));

            assertThat(moved).containsExactly(dead(a, "404"), dead(b, "410"));
            assertThat(outbox.requeue(d -> d.channel().equals("email"))).isEmpty();
        }
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.pending()).containsExactly(a, b);
            assertThat(reopened.deadLetters()).containsExactly(dead(c, "400"));
        }
    }

    @Test
    void openingWithoutCreateRefusesADirectoryWithoutAJournalAndCreatesNothing() throws IOException {
        Path missing = dir.resolve("missing");
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> FileOutbox.builder(missing).createIfMissing(false).open())
                .isInstanceOf(OutboxException.class).hasMessageContaining("no such directory");
        assertThatThrownBy(() -> FileOutbox.builder(empty).createIfMissing(false).open())
                .isInstanceOf(OutboxException.class).hasMessageContaining("no journal");
        assertThat(missing).doesNotExist();
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
        FileOutbox.open(dir.resolve("real")).close();
        try (FileOutbox existing = FileOutbox.builder(dir.resolve("real")).createIfMissing(false).open()) {
            assertThat(existing.depth()).isZero();
        }
    }

    @Test
    void aTornLastRecordIsIgnoredOnReopenAtEveryCutPoint() throws IOException {
        Path original = dir.resolve("original");
        PendingDelivery first = ready("n1", "slack");
        PendingDelivery second = ready("n2", "slack");
        long before;
        try (FileOutbox outbox = FileOutbox.open(original)) {
            outbox.record(OutboxUpdate.add(List.of(first)));
            before = outbox.journalBytes();
            outbox.record(OutboxUpdate.add(List.of(second)));
        }
        long full = Files.size(Fixtures.onlyJournal(original));
        // every cut inside the frame header and the first payload bytes, then every 13th byte, then the last one
        java.util.TreeSet<Long> cuts = new java.util.TreeSet<>();
        for (long cut = before; cut < full; cut++) {
            if (cut - before <= 12 || (cut - before) % 13 == 0 || cut == full - 1) {
                cuts.add(cut);
            }
        }
        for (long cut : cuts) {
            Path copy = dir.resolve("cut-" + cut);
            Fixtures.copyTree(original, copy);
            try (FileChannel ch = FileChannel.open(Fixtures.onlyJournal(copy), StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            try (FileOutbox reopened = FileOutbox.open(copy)) {
                assertThat(reopened.pending()).as("cut at %d of %d", cut, full).containsExactly(first);
                assertThat(reopened.tornBytesOnOpen()).isEqualTo(cut - before);
            }
            Fixtures.deleteTree(copy);
        }
    }

    @Test
    void aCorruptLastRecordIsCutOffKeptAsideAndTheJournalStaysUsable() throws IOException {
        PendingDelivery first = ready("n1", "slack");
        long before;
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            outbox.record(OutboxUpdate.add(List.of(first)));
            before = outbox.journalBytes();
            outbox.record(OutboxUpdate.add(List.of(ready("n2", "slack"))));
        }
        Path journal = Fixtures.onlyJournal(dir);
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 5] ^= 0x40;
        Files.write(journal, bytes);

        PendingDelivery third = ready("n3", "email");
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.pending()).containsExactly(first);
            assertThat(reopened.tornBytesOnOpen()).isEqualTo(bytes.length - before);
            reopened.record(OutboxUpdate.add(List.of(third)));
        }
        assertThat(dir.resolve(journal.getFileName() + ".torn")).hasSize(bytes.length - before);
        try (FileOutbox again = FileOutbox.open(dir)) {
            assertThat(again.pending()).containsExactly(first, third);
            assertThat(again.tornBytesOnOpen()).isZero();
        }
    }

    @Test
    void garbageAppendedAfterTheLastRecordIsIgnored() throws IOException {
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            outbox.record(OutboxUpdate.add(List.of(ready("n1", "slack"))));
        }
        Files.write(Fixtures.onlyJournal(dir), new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4, 5},
                StandardOpenOption.APPEND);
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.depth()).isEqualTo(1);
            assertThat(reopened.tornBytesOnOpen()).isEqualTo(9);
        }
    }

    @Test
    void compactionKeepsOnlyTheLiveStateAndBoundsTheJournal() {
        PendingDelivery keep = ready("keep", "slack");
        PendingDelivery letter = ready("dead", "email");
        long before;
        // fsync is beside the point here and would make 4,000 records slow
        try (FileOutbox outbox = FileOutbox.builder(dir).fsync(false).compactAfterBytes(64 * 1024).open()) {
            outbox.record(OutboxUpdate.add(List.of(keep, letter)));
            outbox.record(OutboxUpdate.deadLetter(dead(letter, "permanent")));
            for (int i = 0; i < 2_000; i++) {
                PendingDelivery p = ready("churn-" + i, "slack");
                outbox.record(OutboxUpdate.add(List.of(p)));
                outbox.record(OutboxUpdate.acknowledge(p.key()));
            }
            assertThat(outbox.journalBytes()).as("compacted along the way").isLessThan(200 * 1024);
            before = outbox.journalBytes();
            outbox.compact();
            assertThat(outbox.journalBytes()).isLessThan(before);
            assertThat(outbox.pending()).containsExactly(keep);
        }
        assertThat(Fixtures.onlyJournal(dir).getFileName().toString()).isNotEqualTo("journal-000001.log");
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.pending()).containsExactly(keep);
            assertThat(reopened.deadLetters()).containsExactly(dead(letter, "permanent"));
        }
    }

    @Test
    void leftoversOfAnInterruptedCompactionAreCleanedUp() throws IOException {
        PendingDelivery p = ready("n1", "slack");
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            outbox.record(OutboxUpdate.add(List.of(p)));
        }
        // died after renaming the new generation into place, before deleting the old one; and a stray temp file
        Files.copy(dir.resolve("journal-000001.log"), dir.resolve("journal-000002.log"));
        Files.write(dir.resolve("journal-000003.log.tmp"), new byte[] {1, 2, 3});

        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.pending()).containsExactly(p);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly("journal-000002.log", "outbox.lock");
        }
    }

    @Test
    void aDirectoryIsUsedByOneOutboxAtATime() {
        try (FileOutbox first = FileOutbox.open(dir)) {
            assertThatThrownBy(() -> FileOutbox.open(dir)).isInstanceOf(OutboxException.class).hasMessageContaining("in use");
            first.record(OutboxUpdate.add(List.of(ready("n1", "slack"))));
        }
        try (FileOutbox second = FileOutbox.open(dir)) {
            assertThat(second.depth()).isEqualTo(1);
        }
    }

    @Test
    void aFileThatIsNotAJournalIsRefused() throws IOException {
        Files.writeString(dir.resolve("journal-000001.log"), "hello, this is not an outbox");

        assertThatThrownBy(() -> FileOutbox.open(dir)).isInstanceOf(OutboxException.class).hasMessageContaining("not a cikit outbox");
        // the lock was released on the way out
        Files.delete(dir.resolve("journal-000001.log"));
        FileOutbox.open(dir).close();
    }

    @Test
    void aFullOutboxRefusesAnUpdateWhole() {
        try (FileOutbox outbox = FileOutbox.builder(dir).maxEntries(2).open()) {
            PendingDelivery a = ready("a", "slack");
            outbox.record(OutboxUpdate.add(List.of(a)));

            assertThatThrownBy(() -> outbox.record(OutboxUpdate.add(List.of(ready("b", "slack"), ready("c", "slack")))))
                    .isInstanceOf(OutboxException.class).hasMessageContaining("outbox full");
            // replacing an entry or acknowledging while adding does not grow it
            PendingDelivery b = ready("b", "slack");
            outbox.record(new OutboxUpdate(List.of(a.at(PendingDelivery.Stage.GROUPING), b), List.of(), List.of()));
            outbox.record(new OutboxUpdate(List.of(ready("c", "slack")), List.of(), List.of(a.key())));
            assertThat(outbox.depth()).isEqualTo(2);
        }
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.pending()).extracting(p -> p.notification().id()).containsExactly("b", "c");
        }
    }

    @Test
    void aClosedOutboxRefusesUpdates() {
        FileOutbox outbox = FileOutbox.open(dir);
        outbox.close();

        assertThatThrownBy(() -> outbox.record(OutboxUpdate.add(List.of(ready("a", "slack")))))
                .isInstanceOf(OutboxException.class).hasMessageContaining("closed");
    }

    @Test
    void concurrentWritersShareFsyncsAndEveryAcceptedRecordIsDurable() throws Exception {
        int threads = 16;
        int each = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        PendingDelivery p = ready("t" + thread + "-" + i, "slack");
                        outbox.record(OutboxUpdate.add(List.of(p)));
                        if (i % 2 == 0) {
                            outbox.record(OutboxUpdate.acknowledge(p.key()));
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            // one forced write per add would be threads * each; the adds share them
            assertThat(outbox.forcedWrites()).isPositive().isLessThan(threads * each);
        } finally {
            pool.shutdownNow();
        }
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.depth()).isEqualTo(threads * each / 2);
        }
    }

    @Test
    void withoutFsyncACleanCloseStillKeepsEverything() {
        try (FileOutbox outbox = FileOutbox.builder(dir).fsync(false).open()) {
            outbox.record(OutboxUpdate.add(List.of(ready("a", "slack"))));
        }
        try (FileOutbox reopened = FileOutbox.open(dir)) {
            assertThat(reopened.depth()).isEqualTo(1);
        }
    }

    // --- the journal replays to the same state as the in-memory model ---------------------------------------------

    sealed interface Op permits Add, Ack, Dead, Replay, Compact, Reopen {
    }

    record Add(int id, String channel, boolean grouping) implements Op {
    }

    record Ack(int id, String channel) implements Op {
    }

    record Dead(int id, String channel) implements Op {
    }

    record Replay(int id, String channel) implements Op {
    }

    record Compact() implements Op {
    }

    record Reopen() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Integer> id = Arbitraries.integers().between(0, 8);
        Arbitrary<String> channel = Arbitraries.of("slack", "email");
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, net.jqwik.api.Combinators.combine(id, channel, Arbitraries.of(true, false)).as(Add::new)),
                net.jqwik.api.Tuple.of(3, net.jqwik.api.Combinators.combine(id, channel).as(Ack::new)),
                net.jqwik.api.Tuple.of(2, net.jqwik.api.Combinators.combine(id, channel).as(Dead::new)),
                net.jqwik.api.Tuple.of(2, net.jqwik.api.Combinators.combine(id, channel).as(Replay::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Compact())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())));
        return op.list().ofMaxSize(40);
    }

    @Property(tries = 60)
    void theJournalAlwaysReplaysToTheStateTheOutboxHeld(@ForAll("ops") List<Op> ops) throws IOException {
        Path home = Files.createTempDirectory("outbox-property");
        InMemoryOutbox model = new InMemoryOutbox();
        FileOutbox outbox = FileOutbox.builder(home).fsync(false).open();
        try {
            for (Op op : ops) {
                if (op instanceof Compact) {
                    outbox.compact();
                } else if (op instanceof Reopen) {
                    outbox.close();
                    outbox = FileOutbox.builder(home).fsync(false).open();
                } else {
                    OutboxUpdate u = updateFor(op, model);
                    if (u != null) {
                        model.record(u);
                        outbox.record(u);
                    }
                }
                assertThat(outbox.pending()).isEqualTo(model.pending());
            }
            outbox.close();
            outbox = FileOutbox.open(home);
            assertThat(outbox.pending()).isEqualTo(model.pending());
            assertThat(outbox.deadLetters()).isEqualTo(model.deadLetters());
        } finally {
            outbox.close();
            Fixtures.deleteTree(home);
        }
    }

    private static @org.jspecify.annotations.Nullable OutboxUpdate updateFor(Op op, InMemoryOutbox model) {
        if (op instanceof Add a) {
            return OutboxUpdate.add(List.of(new PendingDelivery(notification("n" + a.id(), a.channel()), a.channel(),
                    a.grouping() ? PendingDelivery.Stage.GROUPING : PendingDelivery.Stage.READY)));
        }
        if (op instanceof Ack a) {
            return OutboxUpdate.acknowledge(new DeliveryKey("n" + a.id(), a.channel()));
        }
        if (op instanceof Dead d) {
            DeliveryKey k = new DeliveryKey("n" + d.id(), d.channel());
            return model.pending().stream().filter(p -> p.key().equals(k)).findFirst()
                    .map(p -> OutboxUpdate.deadLetter(dead(p, "permanent"))).orElse(null);
        }
        if (op instanceof Replay r) {
            DeliveryKey k = new DeliveryKey("n" + r.id(), r.channel());
            return model.deadLetters().stream().filter(x -> x.key().equals(k)).findFirst()
                    .map(x -> OutboxUpdate.add(List.of(new PendingDelivery(x.notification(), x.channel(), PendingDelivery.Stage.READY))))
                    .orElse(null);
        }
        throw new IllegalArgumentException("unexpected op " + op);
    }
}
