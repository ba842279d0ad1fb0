package io.cikit.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryDeliveryLogTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void aKeyIsFirstSeenOnceThenARepeat() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(10, Duration.ofHours(1), clock);

        assertThat(log.firstSeen("github:abc")).isTrue();
        assertThat(log.firstSeen("github:abc")).isFalse();
        assertThat(log.firstSeen("gitlab:abc")).isTrue();
    }

    @Test
    void whenFullTheOldestKeyIsForgottenFirst() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(3, Duration.ofHours(1), clock);
        for (String key : List.of("a", "b", "c", "d")) {
            assertThat(log.firstSeen(key)).isTrue();
        }

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.firstSeen("b")).isFalse();
        assertThat(log.firstSeen("d")).isFalse();
        assertThat(log.firstSeen("a")).as("evicted as the oldest").isTrue();
    }

    @Test
    void keysExpireAfterTheirTtl() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(10, Duration.ofHours(24), clock);
        log.firstSeen("old");
        clock.advance(Duration.ofHours(23));
        log.firstSeen("young");

        clock.advance(Duration.ofMinutes(59));
        assertThat(log.firstSeen("old")).as("still within 24 h").isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.firstSeen("old")).as("24 h after it was first seen").isTrue();
        assertThat(log.firstSeen("young")).isFalse();
    }

    @Test
    void aForgottenKeyIsSeenAfreshAgain() {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(10, Duration.ofHours(1), clock);
        log.firstSeen("k");

        log.forget("k");
        log.forget("never-seen");

        assertThat(log.firstSeen("k")).isTrue();
    }

    @Test
    void badBoundsAreRefused() {
        assertThatThrownBy(() -> new InMemoryDeliveryLog(0, Duration.ofHours(1), clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryDeliveryLog(1, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersSeeEachKeyFirstExactlyOnce() throws Exception {
        InMemoryDeliveryLog log = new InMemoryDeliveryLog(10_000, Duration.ofHours(1), clock);
        ConcurrentLinkedQueue<String> firsts = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    IntStream.range(0, 500).mapToObj(i -> "key-" + i).filter(log::firstSeen).forEach(firsts::add);
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(firsts).hasSize(500).doesNotHaveDuplicates();
    }
}
