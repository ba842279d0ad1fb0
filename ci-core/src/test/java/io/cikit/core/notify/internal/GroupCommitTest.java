package io.cikit.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.notify.internal.GroupCommit.Batch;
import io.cikit.core.notify.internal.GroupCommit.Ticket;
import io.cikit.core.notify.internal.GroupCommit.Turn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The group-commit queue: who writes, who waits, who is woken and when. Threads are real; no sleeps. */
class GroupCommitTest {
    private static final long FOUR_MS = 4_000_000;
    /** A forced write so slow that a quarter of it never bounds the gather in these tests. */
    private static final long VERY_SLOW = TimeUnit.MINUTES.toNanos(10);

    private static byte[] frame(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(Batch b) {
        return b.payloads().stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList();
    }

    /** Runs a caller on its own thread and returns once it is parked (or done). */
    private static <T> Caller<T> caller(Supplier<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(body.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        Caller<T> c = new Caller<>(t, result);
        c.awaitParkedOrDone();
        return c;
    }

    private record Caller<T>(Thread thread, CompletableFuture<T> result) {
        void awaitParkedOrDone() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!result.isDone() && thread.getState() != Thread.State.WAITING
                    && thread.getState() != Thread.State.TIMED_WAITING) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("caller neither parked nor finished: " + thread.getState());
                }
                Thread.onSpinWait();
            }
        }

        T get() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFirstCallerWritesAndACallerQueuedBehindItSleepsUntilTheBatchIsPublished() throws Exception {
        GroupCommit commit = new GroupCommit();
        assertThat(commit.enqueue(frame("a"), false).mustLead()).isTrue();
        Caller<Turn> b = caller(() -> commit.await(commit.enqueue(frame("b"), false)));

        Batch batch = commit.take();

        assertThat(texts(batch)).containsExactly("a", "b");
        assertThat(batch.force()).isTrue();
        assertThat(batch.forcedCallers()).isEqualTo(2);
        assertThat(b.result()).as("not durable yet").isNotDone();
        assertThat(commit.published(batch, 1_000)).isFalse();
        assertThat(b.get()).isEqualTo(Turn.DONE);
        assertThat(commit.forcedWrites()).isEqualTo(1);
        commit.handOff();
        assertThat(commit.enqueue(frame("c"), false).mustLead()).as("the role is free again").isTrue();
    }

    @Test
    void aCallerQueuedDuringAWriteBecomesTheNextWriterAndTakesEverythingQueuedMeanwhile() throws Exception {
        GroupCommit commit = new GroupCommit();
        commit.enqueue(frame("a"), false);
        Batch first = commit.take();
        AtomicReference<List<String>> secondBatch = new AtomicReference<>();
        Caller<Turn> b = caller(() -> {
            Turn turn = commit.await(commit.enqueue(frame("b"), false));
            if (turn == Turn.LEAD) {
                Batch mine = commit.take();
                secondBatch.set(texts(mine));
                commit.published(mine, 1_000);
                commit.handOff();
            }
            return turn;
        });
        Caller<Turn> c = caller(() -> commit.await(commit.enqueue(frame("c"), false)));

        assertThat(commit.published(first, 1_000)).as("callers wait: hand over rather than go on").isFalse();
        commit.handOff();

        assertThat(b.get()).isEqualTo(Turn.LEAD);
        assertThat(secondBatch.get()).containsExactly("b", "c");
        assertThat(c.get()).isEqualTo(Turn.DONE);
        assertThat(commit.forcedWrites()).isEqualTo(2);
    }

    @Test
    void lazyFramesNeverWaitAndTheWriterTakesThemAlong() {
        GroupCommit commit = new GroupCommit();
        commit.enqueue(frame("a"), false);
        Ticket lazy = commit.enqueue(frame("ack-1"), true);

        assertThat(lazy.mustLead()).isFalse();
        assertThat(lazy.mustWait()).isFalse();
        Batch batch = commit.take();
        assertThat(texts(batch)).containsExactly("a", "ack-1");
        commit.enqueue(frame("ack-2"), true);
        assertThat(commit.published(batch, 1_000)).as("only acknowledgements queued, nobody waits: go on").isTrue();
        Batch acks = commit.take();
        assertThat(texts(acks)).containsExactly("ack-2");
        assertThat(acks.force()).as("nobody waits for the disk").isFalse();
        assertThat(commit.published(acks, 1_000)).isFalse();
        assertThat(commit.forcedWrites()).isEqualTo(1);
    }

    @Test
    void anExclusiveWriterGetsTheRoleBeforeWaitingCallersAndTakesTheirFramesAlong() throws Exception {
        GroupCommit commit = new GroupCommit();
        commit.enqueue(frame("a"), false);
        Batch first = commit.take();
        Caller<List<String>> exclusive = caller(() -> {
            commit.becomeExclusiveWriter();
            Batch b = commit.take();
            commit.published(b, 1_000);
            commit.handOff();
            return texts(b);
        });
        Caller<Turn> waiting = caller(() -> commit.await(commit.enqueue(frame("w"), false)));

        commit.published(first, 1_000);
        commit.handOff();

        assertThat(exclusive.get()).containsExactly("w");
        assertThat(waiting.get()).as("its frame went out with the exclusive writer's").isEqualTo(Turn.DONE);
    }

    @Test
    void aFailedWriteWakesEveryWaitingCallerWithFailedAndFreesTheRole() throws Exception {
        GroupCommit commit = new GroupCommit();
        commit.enqueue(frame("a"), false);
        Caller<Turn> b = caller(() -> commit.await(commit.enqueue(frame("b"), false)));
        Caller<Turn> c = caller(() -> commit.await(commit.enqueue(frame("c"), false)));

        commit.fail(new IOException("disk gone"));

        assertThat(b.get()).isEqualTo(Turn.FAILED);
        assertThat(c.get()).isEqualTo(Turn.FAILED);
        assertThat(commit.failure()).hasValueSatisfying(f -> assertThat(f).hasMessage("disk gone"));
        assertThat(commit.enqueue(frame("d"), false).mustLead()).isTrue();
    }

    @Test
    void theWriterWaitsForTheCallersActiveAtTheLastPublishToQueueAgain() throws Exception {
        GroupCommit commit = new GroupCommit(Duration.ofSeconds(30));
        // twice, three callers were active: the writer and two behind it
        for (int round = 0; round < 2; round++) {
            commit.enqueue(frame("a"), false);
            Caller<Turn> b = caller(() -> commit.await(commit.enqueue(frame("b"), false)));
            Caller<Turn> c = caller(() -> commit.await(commit.enqueue(frame("c"), false)));
            Batch three = commit.take();
            assertThat(three.forcedCallers()).isEqualTo(3);
            commit.published(three, VERY_SLOW);
            commit.handOff();
            assertThat(b.get()).isEqualTo(Turn.DONE);
            assertThat(c.get()).isEqualTo(Turn.DONE);
        }

        // the first to come back writes, but waits until the other two have queued again
        assertThat(commit.enqueue(frame("d"), false).mustLead()).isTrue();
        Caller<List<String>> writer = caller(() -> texts(commit.take()));
        assertThat(writer.result()).as("one frame of three").isNotDone();
        Caller<Turn> e = caller(() -> commit.await(commit.enqueue(frame("e"), false)));
        assertThat(writer.result()).as("two frames of three").isNotDone();
        Caller<Turn> f = caller(() -> commit.await(commit.enqueue(frame("f"), false)));

        assertThat(writer.get()).containsExactly("d", "e", "f");
        assertThat(e.result()).isNotDone();
        assertThat(f.result()).isNotDone();
    }

    @Test
    void aSingleSenderThatOnceSharedAWriteDoesNotWaitForASecondCaller() throws Exception {
        GroupCommit commit = new GroupCommit(Duration.ofSeconds(30));
        commit.enqueue(frame("alone-1"), false);
        commit.published(commit.take(), VERY_SLOW);
        commit.handOff();
        commit.enqueue(frame("sender"), false);
        Caller<Turn> other = caller(() -> commit.await(commit.enqueue(frame("flush"), false)));
        commit.published(commit.take(), VERY_SLOW);
        commit.handOff();
        other.get();

        commit.enqueue(frame("alone-2"), false);
        Caller<List<String>> writer = caller(() -> texts(commit.take()));

        assertThat(writer.get()).containsExactly("alone-2");
    }

    @Test
    void theGatherIsBoundedWhenTheOthersDoNotComeBack() throws Exception {
        GroupCommit commit = new GroupCommit(Duration.ofMillis(20));
        for (int round = 0; round < 2; round++) {
            commit.enqueue(frame("a"), false);
            Caller<Turn> b = caller(() -> commit.await(commit.enqueue(frame("b"), false)));
            Batch two = commit.take();
            commit.published(two, FOUR_MS);
            commit.handOff();
            b.get();
        }

        commit.enqueue(frame("alone"), false);
        Caller<List<String>> writer = caller(() -> texts(commit.take()));

        assertThat(writer.get()).containsExactly("alone");
    }

    @Test
    void withoutAForcedWriteYetThereIsNothingToGatherFor() {
        GroupCommit commit = new GroupCommit(Duration.ofSeconds(30));
        commit.enqueue(frame("a"), false);

        assertThat(texts(commit.take())).containsExactly("a");
    }
}
