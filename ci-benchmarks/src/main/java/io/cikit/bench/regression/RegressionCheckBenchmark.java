package io.cikit.bench.regression;

import io.cikit.core.regression.Direction;
import io.cikit.core.regression.InMemoryResultHistory;
import io.cikit.core.regression.Outcome;
import io.cikit.core.regression.RegressionDetector;
import io.cikit.core.regression.RegressionReport;
import io.cikit.core.regression.RunContext;
import io.cikit.core.regression.RunRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One regression check of a run with 1,000 tests and 1,000 metrics against 100 past runs: 1,000 pass/fail series
 * and 1,000 metric series × 100 runs, default thresholds (t-interval over 64 samples).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RegressionCheckBenchmark {

    static final int SERIES = 1_000;
    static final int RUNS = 100;

    private InMemoryResultHistory history;
    private RunRecord current;
    private RegressionDetector detector;

    @Setup
    public void setUp() {
        history = new InMemoryResultHistory();
        RunContext context = RunContext.builder().repository("acme/linux").branch("main").boardType("rpi4").arch("arm64")
                .kernelConfig("defconfig").compiler("gcc-13").build();
        SplittableRandom r = new SplittableRandom(42);
        for (int run = 0; run <= RUNS; run++) {
            RunRecord.Builder b = RunRecord.builder(context, String.format("%040x", run)).buildId("b" + run);
            for (int s = 0; s < SERIES; s++) {
                b.test("suite.test" + s, r.nextInt(200) == 0 ? Outcome.FAIL : Outcome.PASS);
                b.metric("suite.test" + s, "time", 100 + s + Series.gaussian(r), "ms", Direction.LOWER_IS_BETTER);
            }
            if (run < RUNS) {
                history.append(b.build());
            } else {
                current = b.build();
            }
        }
        detector = RegressionDetector.builder().meterRegistry(new SimpleMeterRegistry()).build();
    }

    @Benchmark
    public RegressionReport check() {
        return detector.check(history, current);
    }
}
