package io.cikit.bench.notify;

import io.cikit.core.notify.Dispatch;
import io.cikit.core.notify.FileOutbox;
import io.cikit.core.notify.GroupingPolicy;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannelProvider;
import io.cikit.core.notify.NotificationDispatcher;
import io.cikit.core.notify.Severity;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Notifications accepted per second by {@link NotificationDispatcher#send} with durability on: every accepted
 * notification is in a {@link FileOutbox} forced to disk (group-committed fsync) before {@code send} returns, goes
 * through grouping (200 group keys, 50 boards) and is then delivered to a channel that accepts instantly, whose
 * acknowledgements go back into the same journal. Run with {@code -t} to vary the number of sending threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class AcceptBenchmark {
    private static final int BATCH = 256;

    @Param({"true"})
    public boolean fsync;

    private Path dir;
    private FileOutbox outbox;
    private NotificationDispatcher dispatcher;
    private CountingChannel channel;
    private final AtomicLong ids = new AtomicLong();

    @Setup(Level.Iteration)
    public void open() {
        dir = Dirs.fresh("cikit-accept");
        outbox = FileOutbox.builder(dir).fsync(fsync).maxEntries(5_000_000).open();
        channel = new CountingChannel();
        dispatcher = NotificationDispatcher.builder()
                .outbox(outbox)
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(channel)
                .grouping(GroupingPolicy.builder().groupWait(Duration.ofMillis(100)).groupInterval(Duration.ofSeconds(1)).build())
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    @TearDown(Level.Iteration)
    public void close() {
        dispatcher.close();
        outbox.close();
        Dirs.delete(dir);
    }

    private Notification next() {
        long i = ids.incrementAndGet();
        return Notification.builder()
                .id("bench-" + i)
                .title("ltp.sem" + (i % 200) + " failed on board-" + (i % 50) + " (run " + i + ")")
                .message("exit status 1")
                .severity(Severity.ERROR)
                .channels("bench")
                .testId("ltp.sem" + (i % 200))
                .meta(Notification.BOARD, "board-" + (i % 50))
                .meta(Notification.BRANCH, "main")
                .build();
    }

    /** One notification per call, one sending thread: every call pays a whole fsync. */
    @Benchmark
    @Threads(1)
    public Dispatch sendOneThread() {
        return dispatcher.send(next());
    }

    /** One notification per call from 32 threads: calls share fsyncs. */
    @Benchmark
    @Threads(32)
    public Dispatch send32Threads() {
        return dispatcher.send(next());
    }

    /** {@value #BATCH} notifications per {@code sendAll} call, one thread: one fsync per batch. */
    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BATCH)
    public List<Dispatch> sendAllBatches() {
        List<Notification> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(next());
        }
        return dispatcher.sendAll(batch);
    }
}
