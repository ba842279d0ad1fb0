package io.cikit.bench.regression;

import io.cikit.core.regression.ChangePoint;
import io.cikit.core.regression.ChangePointDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Change-point detection over one series at default options. Targets: 10,000 points under 50 ms, 100,000 points
 * under 1 s, on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChangePointBenchmark {

    @Param({"1000", "10000", "100000"})
    public int points;

    /** {@code steps}: a 5–16 % step every ~500 points in 1 % noise; {@code noise}: 1 % noise only. */
    @Param({"steps", "noise"})
    public String shape;

    private double[] series;
    private ChangePointDetector detector;

    @Setup
    public void setUp() {
        series = shape.equals("steps") ? Series.steps(points, 42) : Series.noise(points, 42);
        detector = ChangePointDetector.builder().meterRegistry(new SimpleMeterRegistry()).build();
    }

    @Benchmark
    public List<ChangePoint> detect() {
        return detector.detect(series);
    }
}
