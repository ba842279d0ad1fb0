package io.cikit.bench.github;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code cikit}, {@code hub4j} and {@code scan} paths of {@link GitHubWebhookBenchmark}, each timed alone in JVMs
 * of its own, several launches per path and fixture in turns. hub4j's time on {@code push} differs by a third from
 * one JVM launch to the next while the rounds within a launch agree (so it is the launch, not the load), and a ratio
 * from one launch says little; the mean over launches is the figure to compare. Each launch runs
 * {@code GitHubCpuTime --one} (CPU time of the measuring thread).
 *
 * <p>Run: {@code java -cp ci-benchmarks/target/benchmarks.jar io.cikit.bench.github.GitHubLaunches [launches]
 * [seconds per launch]} (defaults 8 and 10: about 10 minutes).
 */
public final class GitHubLaunches {
    private static final List<String> EVENTS = List.of("push", "pull_request");
    private static final List<String> PATHS = List.of("cikit", "hub4j", "scan");

    private GitHubLaunches() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String seconds = args.length > 1 ? args[1] : "10";
        Map<String, List<Double>> micros = new LinkedHashMap<>();
        for (int launch = 1; launch <= launches; launch++) {
            for (String event : EVENTS) {
                for (String path : PATHS) {
                    double us = launch(event, path, seconds);
                    micros.computeIfAbsent(event + " " + path, k -> new ArrayList<>()).add(us);
                    System.out.printf(Locale.ROOT, "launch %d %s %s %.2f us%n", launch, event, path, us);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nCPU us per delivery over %d launches: mean (min-max)%n", launches);
        Map<String, Double> meanRate = new LinkedHashMap<>();
        for (String event : EVENTS) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-13s", event));
            for (String path : PATHS) {
                DoubleSummaryStatistics s = micros.get(event + " " + path).stream().mapToDouble(Double::doubleValue)
                        .summaryStatistics();
                line.append(String.format(Locale.ROOT, "  %s %.2f (%.2f-%.2f)", path, s.getAverage(), s.getMin(), s.getMax()));
                meanRate.merge(path, 1e6 / s.getAverage() / EVENTS.size(), Double::sum);
            }
            System.out.println(line);
            System.out.printf(Locale.ROOT, "%-13s  hub4j / cikit %.2fx, hub4j / scan %.2fx%n", "", mean(micros, event, "hub4j")
                    / mean(micros, event, "cikit"), mean(micros, event, "hub4j") / mean(micros, event, "scan"));
        }
        System.out.printf(Locale.ROOT, "mean of the fixtures' rates: cikit %.0f/s, hub4j %.0f/s, scan %.0f/s; "
                + "cikit / hub4j %.2fx, scan / hub4j %.2fx%n", meanRate.get("cikit"), meanRate.get("hub4j"),
                meanRate.get("scan"), meanRate.get("cikit") / meanRate.get("hub4j"), meanRate.get("scan") / meanRate.get("hub4j"));
    }

    private static double mean(Map<String, List<Double>> micros, String event, String path) {
        return micros.get(event + " " + path).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Starts a JVM on this one's class path that times one path, and answers its CPU µs per delivery. */
    private static double launch(String event, String path, String seconds) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                GitHubCpuTime.class.getName(), "--one", event, path, seconds)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || last == null) {
            throw new IllegalStateException("the launch timing " + event + " " + path + " failed (exit " + exit + ")");
        }
        return Double.parseDouble(last.trim());
    }
}
