package io.cikit.bench.github;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The paths of {@link GitHubWebhookBenchmark}, timed in CPU time of the measuring thread rather than wall time: on a
 * machine shared with other work, time spent descheduled is not counted, so the figures approach what one
 * dedicated core would do. Not a JMH benchmark (no forks, no blackhole); a cross-check of its ratios.
 *
 * <p>Run: {@code java -cp ci-benchmarks/target/benchmarks.jar io.cikit.bench.github.GitHubCpuTime [seconds]}. With
 * {@code --one <event> <path> [seconds]} it warms and times that one path alone and prints its CPU µs per delivery:
 * what {@link GitHubLaunches} runs in each JVM it starts.
 */
public final class GitHubCpuTime {
    private GitHubCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--one")) {
            one(args[1], args[2], args.length > 3 ? Double.parseDouble(args[3]) : 10);
            return;
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Map<String, Double>> perSecond = new LinkedHashMap<>();
        for (String event : List.of("push", "pull_request")) {
            GitHubWebhookBenchmark state = new GitHubWebhookBenchmark();
            state.event = event;
            state.setUp();
            Map<String, Supplier<Object>> paths = paths(state);
            // warm every path first, then measure them in turns so load changes hit all alike
            for (Supplier<Object> path : paths.values()) {
                run(path, threads, (long) (seconds * 0.5e9));
            }
            Map<String, List<Double>> samples = new LinkedHashMap<>();
            for (int round = 0; round < 5; round++) {
                for (Map.Entry<String, Supplier<Object>> path : paths.entrySet()) {
                    samples.computeIfAbsent(path.getKey(), k -> new ArrayList<>())
                            .add(run(path.getValue(), threads, (long) (seconds * 0.1e9)));
                }
            }
            Map<String, Double> medians = new LinkedHashMap<>();
            samples.forEach((name, list) -> medians.put(name, list.stream().sorted().toList().get(list.size() / 2)));
            perSecond.put(event, medians);
        }
        List<String> names = List.copyOf(perSecond.values().iterator().next().keySet());
        System.out.println("deliveries per CPU-second (median of 5 rounds); tokens = hmac + Jackson token pass, scan = hmac "
                + "+ cikit's scanner keeping nothing, hmac = verification alone");
        System.out.printf(Locale.ROOT, "%-14s", "event");
        names.forEach(name -> System.out.printf(Locale.ROOT, " %10s", name));
        System.out.println();
        perSecond.forEach((event, m) -> {
            System.out.printf(Locale.ROOT, "%-14s", event);
            names.forEach(name -> System.out.printf(Locale.ROOT, " %10.0f", m.get(name)));
            System.out.println();
        });
        Map<String, Double> means = new LinkedHashMap<>();
        for (String path : names) {
            double mean = perSecond.values().stream().mapToDouble(m -> m.get(path)).average().orElse(0);
            means.put(path, mean);
            System.out.printf(Locale.ROOT, "mean %-9s %12.0f%n", path, mean);
        }
        perSecond.put("mean", means);
        // the targets: cikit's time within 1.5x the floor's, cikit's rate at least 2x hub4j's; verification
        // costing over half of hub4j's time puts 2x out of reach for any verified path
        perSecond.forEach((event, m) -> System.out.printf(Locale.ROOT,
                "%-14s cikit time / floor time %.2f, cikit rate / hub4j rate %.2f, hmac time / hub4j time %.2f, "
                        + "tokens rate / hub4j rate %.2f, scan rate / hub4j rate %.2f%n",
                event, m.get("floor") / m.get("cikit"), m.get("cikit") / m.get("hub4j"), m.get("hub4j") / m.get("hmac"),
                m.get("tokens") / m.get("hub4j"), m.get("scan") / m.get("hub4j")));
    }

    /**
     * One path of one fixture alone in this JVM: warmed for 60 % of {@code seconds} of CPU, then five rounds of 8 %;
     * prints the median round's CPU µs per delivery.
     */
    private static void one(String event, String path, double seconds) throws Exception {
        GitHubWebhookBenchmark state = new GitHubWebhookBenchmark();
        state.event = event;
        state.setUp();
        Map<String, Supplier<Object>> paths = paths(state);
        Supplier<Object> measured = paths.get(path);
        if (measured == null) {
            throw new IllegalArgumentException("no path " + path + "; paths: " + paths.keySet());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        run(measured, threads, (long) (seconds * 0.6e9));
        List<Double> rounds = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            rounds.add(run(measured, threads, (long) (seconds * 0.08e9)));
        }
        double median = rounds.stream().sorted().toList().get(rounds.size() / 2);
        System.out.printf(Locale.ROOT, "%.3f%n", 1e6 / median);
    }

    private static Map<String, Supplier<Object>> paths(GitHubWebhookBenchmark state) {
        Map<String, Supplier<Object>> paths = new LinkedHashMap<>();
        paths.put("cikit", state::cikit);
        paths.put("floor", state::floor);
        paths.put("hub4j", state::hub4j);
        paths.put("tokens", state::tokens);
        paths.put("scan", state::scan);
        paths.put("hmac", state::hmac);
        return paths;
    }

    /** Operations per CPU-second of the calling thread over about {@code cpuNanos}. */
    private static double run(Supplier<Object> path, ThreadMXBean threads, long cpuNanos) {
        long sink = 0;
        long start = threads.getCurrentThreadCpuTime();
        long ops = 0;
        long used;
        do {
            for (int i = 0; i < 100; i++) {
                sink += System.identityHashCode(path.get());
            }
            ops += 100;
            used = threads.getCurrentThreadCpuTime() - start;
        } while (used < cpuNanos);
        if (sink == 42) {
            System.out.print("");
        }
        return ops * 1e9 / used;
    }
}
