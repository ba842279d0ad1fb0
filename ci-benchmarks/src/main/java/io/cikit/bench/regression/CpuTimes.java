package io.cikit.bench.regression;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The benchmarks' operations measured in thread CPU time rather than wall-clock time: on a shared machine the
 * scheduler inflates wall-clock figures, CPU time much less. Prints a Markdown table. Not a JMH benchmark. Run:
 * {@code java -cp ci-benchmarks/target/benchmarks.jar io.cikit.bench.regression.CpuTimes}
 */
public final class CpuTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimes() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| operation | CPU ms/op (median of 15, after warm-up) |");
        System.out.println("|---|---:|");
        for (int points : new int[] {1_000, 10_000, 100_000}) {
            for (String shape : new String[] {"steps", "noise"}) {
                ChangePointBenchmark b = new ChangePointBenchmark();
                b.points = points;
                b.shape = shape;
                b.setUp();
                report(String.format(Locale.ROOT, "change points, %,d points, %s", points, shape), b::detect);
            }
        }
        RegressionCheckBenchmark check = new RegressionCheckBenchmark();
        check.setUp();
        report("regression check, 1,000 tests + 1,000 metrics × 100 runs", check::check);
        HistoryFileBenchmark file = new HistoryFileBenchmark();
        file.setUp();
        try {
            report("open history file, 100 runs × 1,000 tests + metrics", file::open);
        } finally {
            file.tearDown();
        }
    }

    private static void report(String label, Supplier<?> op) {
        for (int i = 0; i < 10; i++) {
            op.get();
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            op.get();
            ms[i] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %.2f |%n", label, ms[ms.length / 2]);
    }
}
