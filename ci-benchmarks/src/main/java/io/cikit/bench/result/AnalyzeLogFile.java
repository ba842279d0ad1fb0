package io.cikit.bench.result;

import io.cikit.core.result.ConsoleLogAnalyzer;
import io.cikit.core.result.LogAnalysis;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times {@link ConsoleLogAnalyzer} over one file by hand, for comparing with {@code grep -E} on the same file under
 * the same machine load: prints wall-clock and thread-CPU throughput of each run.
 * {@code java -cp benchmarks.jar io.cikit.bench.result.AnalyzeLogFile FILE [RUNS]}
 */
public final class AnalyzeLogFile {
    private AnalyzeLogFile() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long size = Files.size(file);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long wall = System.nanoTime();
            long cpu = mx.getCurrentThreadCpuTime();
            LogAnalysis a = ConsoleLogAnalyzer.analyze(file);
            double wallS = (System.nanoTime() - wall) / 1e9;
            double cpuS = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf("run %d: %.2f s wall (%.0f MB/s), %.2f s cpu (%.0f MB/s); %d incidents (+%d dropped), "
                    + "last stage %s%n", i + 1, wallS, size / wallS / 1e6, cpuS, size / cpuS / 1e6,
                    a.incidents().size(), a.droppedIncidents(), a.lastStage().map(Enum::name).orElse("none"));
        }
    }
}
