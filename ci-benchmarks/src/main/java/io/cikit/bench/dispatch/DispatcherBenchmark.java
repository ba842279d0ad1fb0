package io.cikit.bench.dispatch;

import io.cikit.core.dispatch.Dispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dispatcher scheduling overhead: 100 boards, 100,000 jobs whose runs finish at once. One operation is one job, so
 * the score in ops/s is jobs/s from submission to result. The target is 20,000 jobs/s.
 *
 * <ul>
 *   <li>{@code ownedPool}: the default set-up; every run is started on the dispatcher's own thread pool, as real
 *       runners are.</li>
 *   <li>{@code inlineExecutor}: runs started on the thread that freed the board, which isolates the scheduler's own
 *       cost (queue, matching, leases, metrics, results) from thread hand-offs.</li>
 * </ul>
 * Each invocation builds a fresh dispatcher, submits the jobs from one thread (priorities 0–100, spread), waits for
 * every result and closes the dispatcher.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DispatcherBenchmark {
    static final int BOARDS = 100;
    static final int JOBS = 100_000;

    private final AtomicLong round = new AtomicLong();
    private Path work;

    @Setup(Level.Trial)
    public void workDirectory() throws IOException {
        work = Files.createTempDirectory("cikit-dispatch-bench");
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(work);
    }

    @Benchmark
    @OperationsPerInvocation(JOBS)
    public int ownedPool() {
        try (Dispatcher d = InstantLab.dispatcher(BOARDS, JOBS, null, work)) {
            return InstantLab.run(d, JOBS, "r" + round.incrementAndGet() + "-");
        }
    }

    @Benchmark
    @OperationsPerInvocation(JOBS)
    public int inlineExecutor() {
        try (Dispatcher d = InstantLab.dispatcher(BOARDS, JOBS, Runnable::run, work)) {
            return InstantLab.run(d, JOBS, "r" + round.incrementAndGet() + "-");
        }
    }
}
