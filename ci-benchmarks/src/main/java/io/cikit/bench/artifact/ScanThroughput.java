package io.cikit.bench.artifact;

import io.cikit.core.artifact.ArchiveLimits;
import io.cikit.core.artifact.ArtifactInspector;
import io.cikit.core.artifact.ArtifactScan;
import io.cikit.core.artifact.ArtifactScanner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The figures for docs/performance-artifacts.md: {@code artifact scan} over a generated BSP tar.xz against
 * {@code xz -dc FILE | tar -t} on the same file, best of N runs each, plus the peak heap of this JVM. Run with the
 * heap capped to show constant memory:
 *
 * <pre>
 * mvn -B -ntp -q -Pbench -pl ci-benchmarks -am package -DskipTests
 * java -Xmx64m -cp ci-benchmarks/target/benchmarks.jar io.cikit.bench.artifact.ScanThroughput \
 *      [--size-mib 1024] [--runs 3] [--preset -6] [--file /tmp/cikit-bench/bsp-1024.tar.xz]
 * </pre>
 *
 * Needs {@code xz} and {@code tar} on the PATH (to generate the archive and for the baseline).
 */
public final class ScanThroughput {
    private ScanThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int sizeMiB = 1024;
        int runs = 3;
        String preset = "-6";
        Path file = null;
        boolean generateOnly = false;
        int threads = ArchiveLimits.DEFAULT.decoderThreads();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--generate-only" -> generateOnly = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--size-mib" -> sizeMiB = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--preset" -> preset = args[++i];
                case "--file" -> file = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (file == null) {
            file = Path.of(System.getProperty("java.io.tmpdir"), "cikit-bench", "bsp-" + sizeMiB + preset + ".tar.xz");
        }
        long t0 = System.nanoTime();
        BspArchiveGenerator.ensure(file, sizeMiB, preset);
        System.err.printf(Locale.ROOT, "archive %s: %d bytes (ready in %.1f s)%n", file, Files.size(file), (System.nanoTime() - t0) / 1e9);
        if (generateOnly) {
            return;
        }
        long compressed = Files.size(file);
        long uncompressed = uncompressedSize(file);

        List<Double> baseline = new ArrayList<>();
        List<Double> scan = new ArrayList<>();
        List<Double> scanCpu = new ArrayList<>();
        List<Double> baselineCpu = new ArrayList<>();
        ArtifactScan last = null;
        ArtifactScanner scanner = new ArtifactScanner(new ArtifactInspector(), ArchiveLimits.DEFAULT.withDecoderThreads(threads));
        LiveHeap live = LiveHeap.watch();
        resetPeaks();
        for (int r = 0; r < runs; r++) {
            double[] b = baseline(file);
            baseline.add(b[0]);
            baselineCpu.add(b[1]);
            long cpu0 = processCpuNanos();
            long s0 = System.nanoTime();
            last = scanner.scan(file);
            scan.add((System.nanoTime() - s0) / 1e9);
            scanCpu.add((processCpuNanos() - cpu0) / 1e9);
            System.err.printf(Locale.ROOT, "run %d: xz|tar %.2f s, scan %.2f s%n", r + 1, baseline.get(r), scan.get(r));
        }
        double bestBaseline = baseline.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bestScan = scan.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        long peakHeap = peakHeapBytes();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "archive: %s, %.1f MiB compressed, %.1f MiB uncompressed (xz %s)%n", file.getFileName(),
                compressed / 1048576.0, uncompressed / 1048576.0, preset);
        System.out.printf(Locale.ROOT, "xz -dc | tar -t: best %.2f s = %.1f MiB/s uncompressed (runs %s, cpu %s s)%n",
                bestBaseline, uncompressed / 1048576.0 / bestBaseline, fmt(baseline), fmt(baselineCpu));
        System.out.printf(Locale.ROOT, "artifact scan:   best %.2f s = %.1f MiB/s uncompressed (runs %s, cpu %s s)%n",
                bestScan, uncompressed / 1048576.0 / bestScan, fmt(scan), fmt(scanCpu));
        System.out.printf(Locale.ROOT, "scan / baseline throughput: %.0f%%%n", 100 * bestBaseline / bestScan);
        System.out.printf(Locale.ROOT, "heap: max %.0f MiB; live after GC at most %.1f MiB over %d GCs; sum of pool peaks %.1f MiB%n",
                maxHeap / 1048576.0, live.maxLiveBytes() / 1048576.0, live.collections(), peakHeap / 1048576.0);
        System.out.printf(Locale.ROOT, "decoder threads: %d, available processors: %d, load average: %.1f%n", threads,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "scan found: kernel %s, machine %s, %d artifacts%n",
                last.kernelImage().flatMap(k -> k.version()).orElse("?"),
                last.bspPackage().flatMap(b -> b.machine()).orElse("?"), last.artifacts().size());
    }

    /** Wall seconds and CPU seconds (of both processes, from bash's {@code times}) of the baseline pipeline. */
    private static double[] baseline(Path file) throws IOException, InterruptedException {
        Path timesFile = Files.createTempFile("cikit-bench", ".times");
        try {
            String cmd = "xz -dc '" + file + "' | tar -t > /dev/null; times > '" + timesFile + "'";
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new IOException("baseline failed: " + cmd);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            // second line of `times`: children's user and system time, e.g. "0m2.811s 0m0.819s"
            List<String> lines = Files.readAllLines(timesFile);
            double cpu = 0;
            if (lines.size() >= 2) {
                for (String part : lines.get(1).trim().split("\\s+")) {
                    String[] ms = part.replace("s", "").split("m");
                    cpu += Double.parseDouble(ms[0]) * 60 + Double.parseDouble(ms[1]);
                }
            }
            return new double[] {wall, cpu};
        } finally {
            Files.deleteIfExists(timesFile);
        }
    }

    private static long uncompressedSize(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("xz", "--robot", "-l", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("totals")) {
                return Long.parseLong(line.split("\t")[4]);
            }
        }
        return -1;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks: an upper bound on the heap in use at any one time. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String fmt(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return sb.toString();
    }
}
