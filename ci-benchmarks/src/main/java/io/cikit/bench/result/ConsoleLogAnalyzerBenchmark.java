package io.cikit.bench.result;

import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.LogAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * Console-log analysis throughput on one core. One operation is one byte, so the score in ops/s is bytes/s
 * (divide by 10^6 for MB/s). The target is 200 MB/s on a 500 MB log.
 *
 * <ul>
 *   <li>{@code analyzeFile}: the 500 MB generated log read from a file (page cache after the first pass), the way
 *       {@code cikit log analyze FILE} does it.</li>
 *   <li>{@code analyzeMemory}: the same bytes already in memory (a 50 MB slice fed ten times), to separate the
 *       analyzer's cost from the file system's.</li>
 * </ul>
 *
 * <p>The log is generated in the trial setup into a temporary file and deleted afterwards; nothing is committed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class ConsoleLogAnalyzerBenchmark {
    static final int LOG_BYTES = 500_000_000;
    static final int SLICE_BYTES = LOG_BYTES / 10;

    private Path log;
    private byte[] slice;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        log = Files.createTempFile("cikit-console-bench", ".log");
        ConsoleLogGenerator.write(log, LOG_BYTES, 42);
        try (InputStream in = Files.newInputStream(log)) {
            slice = in.readNBytes(SLICE_BYTES);
        }
        LogAnalysis check = ConsoleLogAnalyzer.analyze(log);
        if (check.incidents().isEmpty() && check.droppedIncidents() == 0) {
            throw new IllegalStateException("generated log has no incidents: the benchmark would measure nothing");
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(log);
    }

    @Benchmark
    @OperationsPerInvocation(LOG_BYTES)
    public LogAnalysis analyzeFile() {
        return ConsoleLogAnalyzer.analyze(log);
    }

    @Benchmark
    @OperationsPerInvocation(LOG_BYTES)
    public LogAnalysis analyzeMemory() {
        ConsoleLogAnalyzer a = ConsoleLogAnalyzer.create();
        for (int i = 0; i < 10; i++) {
            a.feed(slice, 0, slice.length);
        }
        return a.finish();
    }
}
