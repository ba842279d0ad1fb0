package io.cikit.bench.notify;

import com.sun.management.OperatingSystemMXBean;
import io.cikit.core.notify.FileOutbox;
import io.cikit.core.notify.GroupingPolicy;
import io.cikit.core.notify.Notification;
import io.cikit.core.notify.NotificationChannelProvider;
import io.cikit.core.notify.NotificationDispatcher;
import io.cikit.core.notify.Severity;
import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU cost per accepted notification, end to end (build, accept with fsync, group, digest, deliver, acknowledge,
 * compact), as process CPU time (all threads, GC and JIT included) divided by notifications; and the CPU time of
 * recovering 100,000 pending deliveries. On a machine shared
 * with other work, wall-clock throughput measures the neighbours as much as the code; CPU time per notification
 * does not, and {@code cores / cost} bounds what an idle machine can do.
 *
 * <p>Run: {@code java -cp ci-benchmarks/target/benchmarks.jar io.cikit.bench.notify.NotifyCpuCost [notifications]}.
 */
public final class NotifyCpuCost {
    private NotifyCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("cores %d, load average %.1f%n", os.getAvailableProcessors(), os.getSystemLoadAverage());
        recovery(os);
        for (int round = 1; round <= 4; round++) {
            for (int threads : new int[] {1, 32}) {
                boolean batch = threads == 1;
                Path dir = Dirs.fresh("cikit-cpu");
                CountingChannel channel = new CountingChannel();
                try (FileOutbox outbox = FileOutbox.builder(dir).maxEntries(5_000_000).open();
                     NotificationDispatcher d = NotificationDispatcher.builder()
                             .outbox(outbox)
                             .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                             .channel(channel)
                             .grouping(GroupingPolicy.builder().groupWait(Duration.ofMillis(100)).groupInterval(Duration.ofSeconds(1)).build())
                             .meterRegistry(new SimpleMeterRegistry())
                             .build()) {
                    AtomicLong ids = new AtomicLong();
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    List<Future<?>> senders = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        senders.add(pool.submit(() -> {
                            List<Notification> b = new ArrayList<>();
                            for (long i = ids.incrementAndGet(); i <= total; i = ids.incrementAndGet()) {
                                Notification n = notification(i);
                                if (batch) {
                                    b.add(n);
                                    if (b.size() == 256) {
                                        d.sendAll(b);
                                        b = new ArrayList<>();
                                    }
                                } else {
                                    d.send(n);
                                }
                            }
                            if (!b.isEmpty()) {
                                d.sendAll(b);
                            }
                        }));
                    }
                    for (Future<?> f : senders) {
                        f.get();
                    }
                    long t1 = System.nanoTime();
                    long forced = outbox.forcedWrites();
                    d.drain(Duration.ofMinutes(2));
                    long cpu2 = os.getProcessCpuTime();
                    pool.shutdown();
                    double cost = (cpu2 - cpu0) / 1e3 / total;
                    System.out.printf("round %d, %s: accepted %,.0f/s (wall), %.1f µs CPU per notification end to end "
                                    + "→ at most ~%,.0f/s on %d idle cores; %.1f notifications per forced write%n", round,
                            batch ? "1 thread, sendAll(256)" : threads + " threads, send", total * 1e9 / (t1 - t0), cost,
                            os.getAvailableProcessors() * 1e6 / cost, os.getAvailableProcessors(), total / (double) forced);
                } finally {
                    Dirs.delete(dir);
                }
            }
        }
    }

    /** CPU time to open an outbox of 100,000 pending deliveries and resume a dispatcher on it. */
    private static void recovery(OperatingSystemMXBean os) {
        RecoveryBenchmark bench = new RecoveryBenchmark();
        bench.pending = 100_000;
        bench.fill();
        try {
            for (int round = 1; round <= 4; round++) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                bench.openOutbox();
                long cpu1 = os.getProcessCpuTime();
                long t1 = System.nanoTime();
                bench.resumeDispatcher();
                long cpu2 = os.getProcessCpuTime();
                long t2 = System.nanoTime();
                System.out.printf("round %d, recovery of 100,000: open %,d ms wall / %,d ms CPU; open + resume %,d ms wall / %,d ms CPU%n",
                        round, (t1 - t0) / 1_000_000, (cpu1 - cpu0) / 1_000_000, (t2 - t1) / 1_000_000, (cpu2 - cpu1) / 1_000_000);
            }
        } finally {
            bench.remove();
        }
    }

    private static Notification notification(long i) {
        return Notification.builder()
                .id("bench-" + i)
                .title("ltp.sem" + (i % 200) + " failed on board-" + (i % 50) + " (run " + i + ")")
                .message("exit status 1")
                .severity(Severity.ERROR)
                .channels("bench")
                .testId("ltp.sem" + (i % 200))
                .meta(Notification.BOARD, "board-" + (i % 50))
                .meta(Notification.BRANCH, "main")
                .build();
    }
}
