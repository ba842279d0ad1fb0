package io.cikit.bench.gitlab;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link GitLabWebhookBenchmark} operations measured in thread CPU time, interleaved in short rounds. On a
 * shared, overloaded machine JMH's wall-clock throughput mostly measures the neighbours; CPU time per operation,
 * with the three operations alternating so they see the same conditions, still gives a usable per-core figure and
 * ratio to the floor. Not a replacement for JMH on a quiet machine.
 *
 * <p>Run: {@code java -cp ci-benchmarks/target/benchmarks.jar io.cikit.bench.gitlab.GitLabWebhookCpuTime [rounds]}.
 */
public final class GitLabWebhookCpuTime {
    private static final int OPS_PER_ROUND = 2000;

    @FunctionalInterface
    private interface Operation {
        Object run() throws Exception;
    }

    private GitLabWebhookCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmupRounds = rounds / 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("payload        operation  median-us  p25-us  ops/cpu-s  x-floor");
        for (String payload : List.of("push", "merge_request")) {
            GitLabWebhookBenchmark bench = new GitLabWebhookBenchmark();
            bench.payload = payload;
            bench.setUp();
            Map<String, Operation> operations = new LinkedHashMap<>();
            operations.put("floor", bench::floor);
            operations.put("parse", bench::parse);
            operations.put("handle", bench::handle);
            Map<String, List<Double>> nanosPerOp = new LinkedHashMap<>();
            operations.keySet().forEach(name -> nanosPerOp.put(name, new ArrayList<>()));
            int sink = 0;
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Operation> op : operations.entrySet()) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < OPS_PER_ROUND; i++) {
                        sink += System.identityHashCode(op.getValue().run()) & 1;
                    }
                    long spent = threads.getCurrentThreadCpuTime() - start;
                    if (round >= warmupRounds) {
                        nanosPerOp.get(op.getKey()).add(spent / (double) OPS_PER_ROUND);
                    }
                }
            }
            double floor = median(nanosPerOp.get("floor"));
            for (Map.Entry<String, List<Double>> e : nanosPerOp.entrySet()) {
                double median = median(e.getValue());
                List<Double> sorted = new ArrayList<>(e.getValue());
                Collections.sort(sorted);
                System.out.printf("%-14s %-9s %9.1f %7.1f %10.0f %8.2f%n", payload, e.getKey(), median / 1000,
                        sorted.get(sorted.size() / 4) / 1000, 1e9 / median, median / floor);
            }
            if (sink < 0) {
                System.out.println(sink);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
