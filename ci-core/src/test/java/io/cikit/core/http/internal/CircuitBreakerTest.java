package io.cikit.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.http.internal.CircuitBreaker.Admission;
import io.cikit.core.http.internal.CircuitBreaker.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Duration OPEN = Duration.ofSeconds(30);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    private final AtomicInteger opened = new AtomicInteger();
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final CircuitBreaker breaker = new CircuitBreaker(3, OPEN, clock, opened::incrementAndGet);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            breaker.recordFailure(breaker.tryAcquire());
        }
    }

    @Test
    void staysClosedBelowTheThresholdAndOpensAtIt() {
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        fail(1);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.REJECTED);
        assertThat(breaker.remainingOpen()).isEqualTo(OPEN);
        assertThat(opened).hasValue(1);
    }

    @Test
    void aSuccessResetsTheConsecutiveCount() {
        fail(2);
        breaker.recordSuccess(breaker.tryAcquire());
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void afterTheOpenDurationExactlyOneTrialIsAdmitted() {
        fail(3);
        now.set(now.get().plus(OPEN).minusMillis(1));
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.REJECTED);
        now.set(now.get().plusMillis(1));

        assertThat(breaker.tryAcquire()).isEqualTo(Admission.TRIAL);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(Admission.REJECTED);
    }

    @Test
    void aSuccessfulTrialClosesAndAFailedOneReopens() {
        fail(3);
        now.set(now.get().plus(OPEN));
        breaker.recordSuccess(breaker.tryAcquire());
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        fail(3);
        now.set(now.get().plus(OPEN));
        breaker.recordFailure(breaker.tryAcquire());

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.remainingOpen()).isEqualTo(OPEN);
        assertThat(opened).hasValue(3);
    }

    @Test
    void aReleasedTrialLetsTheNextCallerTry() {
        fail(3);
        now.set(now.get().plus(OPEN));
        Admission trial = breaker.tryAcquire();

        breaker.release(trial);

        assertThat(breaker.tryAcquire()).isEqualTo(Admission.TRIAL);
    }

    @Test
    void lateResultsOfCallsAdmittedBeforeOpeningDoNotChangeAnOpenCircuit() {
        Admission early = breaker.tryAcquire();
        fail(3);

        breaker.recordSuccess(early);
        breaker.recordFailure(early);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(opened).hasValue(1);
    }

    @Test
    void concurrentCallersGetOnlyOneTrial() throws Exception {
        fail(3);
        now.set(now.get().plus(OPEN));
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Admission>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return breaker.tryAcquire();
                }));
            }
            go.countDown();
            int trials = 0;
            for (Future<Admission> f : results) {
                if (f.get(10, TimeUnit.SECONDS) == Admission.TRIAL) {
                    trials++;
                }
            }
            assertThat(trials).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentFailuresOpenTheCircuitOnce() throws Exception {
        CircuitBreaker shared = new CircuitBreaker(50, OPEN, clock, opened::incrementAndGet);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    for (int j = 0; j < 100; j++) {
                        shared.recordFailure(shared.tryAcquire());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.state()).isEqualTo(State.OPEN);
        assertThat(opened).hasValue(1);
    }

    @Test
    void theRegistryKeepsOneBreakerPerHostAndForgetsIdleOnesWhenFull() {
        List<String> openedHosts = new ArrayList<>();
        CircuitBreakers breakers = new CircuitBreakers(1, OPEN, clock, openedHosts::add);

        assertThat(breakers.forHost("API.github.com")).isSameAs(breakers.forHost("api.github.com"));
        CircuitBreaker failing = breakers.forHost("down.example:8443");
        failing.recordFailure(failing.tryAcquire());
        for (int i = 0; i < CircuitBreakers.MAX_HOSTS + 10; i++) {
            breakers.forHost("host" + i + ".example");
        }

        assertThat(openedHosts).containsExactly("down.example:8443");
        assertThat(breakers.size()).isLessThanOrEqualTo(CircuitBreakers.MAX_HOSTS + 1);
        assertThat(breakers.forHost("down.example:8443").state()).isEqualTo(State.OPEN);
    }
}
