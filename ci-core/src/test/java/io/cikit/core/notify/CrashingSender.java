package io.cikit.core.notify;

import io.cikit.core.spi.Providers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The child JVM of {@link CrashRecoveryTest}: accepts {@code count} notifications into a {@link FileOutbox} from
 * eight threads, prints {@code ACCEPTED <count>} once every one of them is durable, then keeps delivering until the
 * parent kills it.
 *
 * <p>Arguments: outbox directory, receiver URL, count.
 */
public final class CrashingSender {
    private CrashingSender() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        URI receiver = URI.create(args[1]);
        int count = Integer.parseInt(args[2]);
        NotificationDispatcher dispatcher = NotificationDispatcher.builder()
                .outbox(FileOutbox.open(dir))
                .providers(Providers.none(NotificationChannelProvider.class, NotificationChannelProvider::name))
                .channel(new HttpHookChannel("hook", receiver))
                .grouping(GroupingPolicy.none())
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> sent = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            sent.add(pool.submit(() -> {
                for (int i = thread; i < count; i += threads) {
                    Dispatch d = dispatcher.send(notification(i));
                    if (!d.accepted().contains("hook")) {
                        throw new IllegalStateException("not accepted: " + d.known());
                    }
                }
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        System.out.println("ACCEPTED " + count);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static String idOf(int i) {
        return String.format("crash-%04d", i);
    }

    static Notification notification(int i) {
        return Notification.builder()
                .id(idOf(i))
                .title("board " + (i % 40) + " failed ltp.sem01")
                .message("run " + i)
                .severity(Severity.ERROR)
                .channels("hook")
                .testId("ltp.sem01")
                .meta(Notification.BOARD, "board-" + (i % 40))
                .build();
    }
}
