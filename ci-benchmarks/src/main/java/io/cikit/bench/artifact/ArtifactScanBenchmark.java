package io.cikit.bench.artifact;

import io.cikit.core.artifact.ArtifactScan;
import io.cikit.core.artifact.ArtifactScanner;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH view of the same measurement as {@link ScanThroughput}: one scan of the generated archive per iteration, in a
 * forked JVM whose heap is capped at 64 MiB, beside the {@code xz -dc | tar -t} baseline.
 *
 * <pre>java -jar ci-benchmarks/target/benchmarks.jar ArtifactScanBenchmark -p sizeMiB=1024</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m"})
public class ArtifactScanBenchmark {
    @Param("1024")
    public int sizeMiB;

    @Param("-6")
    public String preset;

    private Path archive;

    @Setup
    public void generate() throws Exception {
        archive = BspArchiveGenerator.ensure(Path.of(System.getProperty("java.io.tmpdir"), "cikit-bench",
                "bsp-" + sizeMiB + preset + ".tar.xz"), sizeMiB, preset);
    }

    @Benchmark
    public ArtifactScan scan() {
        return new ArtifactScanner().scan(archive);
    }

    @Benchmark
    public int xzDcTarT() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "xz -dc '" + archive + "' | tar -t > /dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }
}
