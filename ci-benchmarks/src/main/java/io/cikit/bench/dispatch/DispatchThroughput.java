package io.cikit.bench.dispatch;

import io.cikit.core.dispatch.Dispatcher;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times single rounds of the {@link DispatcherBenchmark} workload by wall clock and by the CPU time of the whole
 * process, for machines too busy for wall-clock figures to mean much: {@code java -cp benchmarks.jar
 * io.cikit.bench.dispatch.DispatchThroughput [rounds] [owned|inline]}.
 */
public final class DispatchThroughput {
    private DispatchThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        boolean inline = args.length > 1 && args[1].equals("inline");
        Path work = Files.createTempDirectory("cikit-dispatch-throughput");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (Dispatcher d = InstantLab.dispatcher(DispatcherBenchmark.BOARDS, DispatcherBenchmark.JOBS,
                    inline ? Runnable::run : null, work)) {
                InstantLab.run(d, DispatcherBenchmark.JOBS, "r" + r + "-");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            System.out.printf("round %d (%s): %,.0f jobs/s wall (%.2f s), %,.0f jobs/CPU-second (%.2f s, all threads"
                    + " incl. GC and JIT)%n", r, inline ? "inline" : "owned pool", DispatcherBenchmark.JOBS / wall,
                    wall, DispatcherBenchmark.JOBS / cpu, cpu);
        }
        Files.deleteIfExists(work);
    }
}
