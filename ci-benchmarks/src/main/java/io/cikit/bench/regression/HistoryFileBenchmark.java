package io.cikit.bench.regression;

import io.cikit.core.regression.Direction;
import io.cikit.core.regression.JsonLinesResultHistory;
import io.cikit.core.regression.Outcome;
import io.cikit.core.regression.RunContext;
import io.cikit.core.regression.RunRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JSON-lines history: opening (reading and indexing) a file of 100 runs × 1,000 tests and metrics, and
 * appending a run of 100 tests and metrics with an fsync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HistoryFileBenchmark {

    private Path dir;
    private Path file;
    private RunRecord small;
    private JsonLinesResultHistory appendTarget;
    private final JsonLinesResultHistory.Options options =
            JsonLinesResultHistory.Options.builder().meterRegistry(new SimpleMeterRegistry()).retainPerContext(100).build();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("cikit-bench");
        file = dir.resolve("history.jsonl");
        RunContext context = RunContext.builder().boardType("rpi4").arch("arm64").build();
        SplittableRandom r = new SplittableRandom(42);
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file,
                JsonLinesResultHistory.Options.builder().syncEvery(0).meterRegistry(new SimpleMeterRegistry()).build())) {
            for (int i = 0; i < 100; i++) {
                RunRecord.Builder b = RunRecord.builder(context, String.format("%040x", i));
                for (int s = 0; s < 1000; s++) {
                    b.test("suite.test" + s, Outcome.PASS).metric("suite.test" + s, "time", 100 + Series.gaussian(r), "ms",
                            Direction.LOWER_IS_BETTER);
                }
                history.append(b.build());
            }
        }
        RunRecord.Builder b = RunRecord.builder(context, "f".repeat(40));
        for (int s = 0; s < 100; s++) {
            b.test("suite.test" + s, Outcome.PASS).metric("suite.test" + s, "time", 100 + Series.gaussian(r), "ms",
                    Direction.LOWER_IS_BETTER);
        }
        small = b.build();
        appendTarget = JsonLinesResultHistory.open(dir.resolve("append.jsonl"), options);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        appendTarget.close();
        try (var paths = Files.list(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public long open() {
        try (JsonLinesResultHistory history = JsonLinesResultHistory.open(file, options)) {
            return history.size();
        }
    }

    @Benchmark
    public long appendWithFsync() {
        appendTarget.append(small);
        return appendTarget.size();
    }
}
