package io.cikit.bench.notify;

import io.cikit.core.notify.FileOutbox;
import io.cikit.core.notify.GroupingPolicy;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannelProvider;
import io.cikit.core.notify.NotificationDispatcher;
import io.cikit.core.notify.OutboxUpdate;
import io.cikit.core.notify.PendingDelivery;
import io.cikit.core.notify.Scheduler;
import io.cikit.core.notify.Severity;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to recover an outbox holding {@code pending} deliveries (half waiting in group windows, half ready): opening
 * the {@link FileOutbox} (reading and checking every journal record), and opening it plus building a dispatcher that
 * re-enters every delivery into its groups and lanes. The dispatcher's scheduler runs nothing, so the journal stays
 * as it was for the next iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RecoveryBenchmark {
    @Param({"100000"})
    public int pending;

    private Path dir;

    @Setup(Level.Trial)
    public void fill() {
        dir = Dirs.fresh("cikit-recovery");
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        try (FileOutbox outbox = FileOutbox.builder(dir).fsync(false).maxEntries(pending + 1).open()) {
            List<PendingDelivery> chunk = new ArrayList<>();
            for (int i = 0; i < pending; i++) {
                Notification n = Notification.builder()
                        .id("pending-" + i)
                        .title("ltp.sem" + (i % 200) + " failed on board-" + (i % 50) + " (run " + i + ")")
                        .message("exit status 1\nlog: https://lava.example/scheduler/job/" + i)
                        .severity(Severity.ERROR)
                        .channels("bench")
                        .testId("ltp.sem" + (i % 200))
                        .meta(Notification.BOARD, "board-" + (i % 50))
                        .meta(Notification.BRANCH, "main")
                        .timestamp(t.plusMillis(i))
                        .build();
                chunk.add(new PendingDelivery(n, "bench", i % 2 == 0 ? PendingDelivery.Stage.READY : PendingDelivery.Stage.GROUPING));
                if (chunk.size() == 1_000) {
                    outbox.record(OutboxUpdate.add(chunk));
                    chunk = new ArrayList<>();
                }
            }
            if (!chunk.isEmpty()) {
                outbox.record(OutboxUpdate.add(chunk));
            }
        }
    }

    @TearDown(Level.Trial)
    public void remove() {
        Dirs.delete(dir);
    }

    /** Opening the outbox: read, check and apply every journal record. */
    @Benchmark
    public int openOutbox() {
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            return outbox.depth();
        }
    }

    /** Opening the outbox and building a dispatcher that resumes every delivery (grouping on). */
    @Benchmark
    public long resumeDispatcher() {
        try (FileOutbox outbox = FileOutbox.builder(dir).maxEntries(pending + 1).open();
             NotificationDispatcher dispatcher = NotificationDispatcher.builder()
                     .outbox(outbox)
                     .scheduler(new IdleScheduler())
                     .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                     .channel(new CountingChannel())
                     .grouping(GroupingPolicy.defaults())
                     .meterRegistry(new SimpleMeterRegistry())
                     .build()) {
            return dispatcher.inFlight();
        }
    }

    /** A scheduler that never runs anything: recovery is measured up to "ready to deliver". */
    static final class IdleScheduler implements Scheduler {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
        }

        @Override
        public void close() {
        }
    }
}
