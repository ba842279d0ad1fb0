package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cikit.core.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The dispatcher's invariants under random labs, jobs and failures: exclusive boards, exactly one ending per job,
 * retries on other boards, queue order, and no starvation.
 */
class DispatcherProperties {
    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "fake-runner-later");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopTimer() {
        LATER.shutdownNow();
    }

    /** A job in a random scenario: its selector's type (empty for any), priority, attempts and what the test does to it. */
    record JobSpec(Optional<String> type, int priority, int maxAttempts, int cancelAfterMicros) {
    }

    @Provide
    Arbitrary<List<JobSpec>> jobs() {
        Arbitrary<JobSpec> one = Combinators.combine(
                Arbitraries.of("a", "b", "").map(t -> t.isEmpty() ? Optional.<String>empty() : Optional.of(t)),
                Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(-1, 3000).map(c -> c % 4 == 0 ? c : -1)).as(JobSpec::new);
        return one.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void everyJobEndsExactlyOnceNoBoardRunsTwoJobsAndInfraFailuresMoveOn(
            @ForAll @IntRange(min = 1, max = 6) int boards, @ForAll("jobs") List<JobSpec> specs,
            @ForAll @IntRange(min = 0, max = 70) int infraPercent, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<Board> lab = new ArrayList<>();
        for (int i = 0; i < boards; i++) {
            lab.add(Board.builder("b" + i, i % 2 == 0 ? "a" : "b").runner("fake").build());
        }
        FakeRunner runner = new FakeRunner();
        runner.mode = c -> FakeRunner.Mode.HELD;
        Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();
        Map<String, JobResult> results = new ConcurrentHashMap<>();
        Dispatcher d = Dispatcher.builder(BoardPool.of(lab)).runner(new HardwareRunner() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public RunHandle start(RunContext context) {
                FakeRunner.Run run = (FakeRunner.Run) runner.start(context);
                RunOutcome outcome;
                synchronized (random) {
                    int roll = random.nextInt(100);
                    outcome = roll < infraPercent ? RunOutcome.INFRA_ERROR
                            : roll < infraPercent + 10 ? RunOutcome.TEST_FAILURES : RunOutcome.COMPLETE;
                }
                LATER.schedule(() -> {
                    synchronized (run) {
                        if (!run.result.isDone()) {
                            run.finish(outcome);
                        }
                    }
                }, random.nextInt(500), TimeUnit.MICROSECONDS);
                return new RunHandle() {
                    @Override
                    public CompletableFuture<RunReport> result() {
                        return run.result;
                    }

                    @Override
                    public void cancel() {
                        synchronized (run) {
                            run.cancel();
                        }
                    }
                };
            }
        }).meterRegistry(new SimpleMeterRegistry()).unhealthyAfter(100).listener(new DispatchListener() {
            @Override
            public void jobFinished(JobResult result) {
                finished.computeIfAbsent(result.jobId(), k -> new AtomicInteger()).incrementAndGet();
                results.put(result.jobId(), result);
            }
        }).build();
        List<JobHandle> handles = new ArrayList<>();
        try {
            for (int i = 0; i < specs.size(); i++) {
                JobSpec s = specs.get(i);
                BoardSelector.Builder sel = BoardSelector.builder();
                s.type().ifPresent(sel::type);
                JobHandle h = d.submit(TestJob.builder(URI.create("file:///k")).id("j" + i).selector(sel.build())
                        .priority(s.priority()).maxAttempts(s.maxAttempts()).build());
                handles.add(h);
                if (s.cancelAfterMicros() >= 0) {
                    LATER.schedule(h::cancel, s.cancelAfterMicros(), TimeUnit.MICROSECONDS);
                }
            }
            CompletableFuture.allOf(handles.stream().map(JobHandle::result).toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            d.close();
        }

        assertThat(runner.violations).isEmpty();
        assertThat(finished.keySet()).hasSize(specs.size());
        assertThat(finished.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        for (int i = 0; i < specs.size(); i++) {
            JobSpec s = specs.get(i);
            JobResult r = results.get("j" + i);
            assertThat(handles.get(i).result().join()).isEqualTo(r);
            assertThat(r.attempts()).hasSizeLessThanOrEqualTo(s.maxAttempts());
            assertThat(r.attempts()).extracting(Attempt::boardId).doesNotHaveDuplicates();
            for (int k = 0; k + 1 < r.attempts().size(); k++) {
                assertThat(r.attempts().get(k).outcome()).as("only infrastructure failures are retried")
                        .isEqualTo(JobOutcome.INFRA_ERROR);
            }
            if (r.outcome() == JobOutcome.INFRA_ERROR && !r.attempts().isEmpty()
                    && r.attempts().size() < s.maxAttempts()) {
                long candidates = lab.stream().filter(b -> s.type().map(b.type()::equals).orElse(true)).count();
                assertThat(r.attempts()).as("stopped early only when no untried board was left")
                        .hasSize((int) candidates);
            }
            if (!r.attempts().isEmpty() && r.outcome() != JobOutcome.CANCELLED) {
                assertThat(r.attempts().get(r.attempts().size() - 1).outcome()).isEqualTo(r.outcome());
            }
        }
        assertThat(d.stats().running()).isZero();
        assertThat(d.stats().queued()).isZero();
    }

    /** A step of the queue-order scenario. */
    sealed interface Step {
    }

    record Submit(int priority) implements Step {
    }

    record Advance(int seconds) implements Step {
    }

    record Finish() implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 100).map(Submit::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 400).map(Advance::new)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(new Finish())));
        return step.list().ofMinSize(1).ofMaxSize(120);
    }

    /** A queued job as the test's model sees it. */
    record Queued(String id, long submitMillis, int priority, long seq) {
    }

    @Property(tries = 300)
    void theBoardAlwaysTakesTheFirstJobInAgedPriorityOrderAndNoJobStarves(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 0, max = 30) int agingSeconds) {
        ManualClock clock = new ManualClock(0);
        FakeRunner runner = new FakeRunner().mode(FakeRunner.Mode.HELD);
        long aging = agingSeconds * 1000L;
        Dispatcher d = Dispatcher.builder(BoardPool.of(List.of(Board.builder("only", "t").runner("fake").build())))
                .runner(runner).clock(clock).executor(Runnable::run).tickInterval(Duration.ofHours(1))
                .leaseDuration(Duration.ofDays(365)).agingStep(Duration.ofMillis(aging))
                .meterRegistry(new SimpleMeterRegistry()).build();
        Comparator<Queued> order = aging > 0
                ? Comparator.comparingLong((Queued q) -> q.submitMillis() - q.priority() * aging)
                        .thenComparing(q -> -q.priority()).thenComparingLong(Queued::seq)
                : Comparator.comparingInt((Queued q) -> -q.priority()).thenComparingLong(Queued::submitMillis)
                        .thenComparingLong(Queued::seq);
        List<Queued> queued = new ArrayList<>();
        long seq = 0;
        try {
            for (Step step : steps) {
                if (step instanceof Submit s) {
                    Queued q = new Queued("j" + seq, clock.millis(), s.priority(), seq++);
                    boolean idle = runner.running.isEmpty();
                    d.submit(TestJob.builder(URI.create("file:///k")).id(q.id()).priority(s.priority())
                            .timeout(TestJob.MAX_TIMEOUT).build());
                    if (idle) {
                        assertThat(runner.runningIds()).containsExactly(q.id());
                    } else {
                        queued.add(q);
                    }
                } else if (step instanceof Advance a) {
                    clock.advance(Duration.ofSeconds(a.seconds()));
                } else if (!runner.running.isEmpty()) {
                    runner.running.get(0).finish(RunOutcome.COMPLETE);
                    Optional<Queued> expected = queued.stream().min(order);
                    if (expected.isEmpty()) {
                        assertThat(runner.running).isEmpty();
                    } else {
                        assertThat(runner.runningIds()).containsExactly(expected.get().id());
                        queued.remove(expected.get());
                    }
                }
            }
        } finally {
            d.close();
        }
        assertThat(runner.violations).isEmpty();
    }

    @Property(tries = 100)
    void aSteadyStreamOfUrgentJobsCannotStarveALowPriorityOne(@ForAll @IntRange(min = 1, max = 20) int agingSeconds,
            @ForAll @IntRange(min = 0, max = 99) int lowPriority, @ForAll @IntRange(min = 1, max = 600) int arrivalSeconds) {
        ManualClock clock = new ManualClock(0);
        FakeRunner runner = new FakeRunner().mode(FakeRunner.Mode.HELD);
        Dispatcher d = Dispatcher.builder(BoardPool.of(List.of(Board.builder("only", "t").runner("fake").build())))
                .runner(runner).clock(clock).executor(Runnable::run).tickInterval(Duration.ofHours(1))
                .leaseDuration(Duration.ofDays(365)).agingStep(Duration.ofSeconds(agingSeconds))
                .meterRegistry(new SimpleMeterRegistry()).build();
        try {
            d.submit(TestJob.builder(URI.create("file:///k")).id("blocker").timeout(TestJob.MAX_TIMEOUT).build());
            JobHandle low = d.submit(TestJob.builder(URI.create("file:///k")).id("low").priority(lowPriority)
                    .timeout(TestJob.MAX_TIMEOUT).build());
            Set<String> urgentIds = new HashSet<>();
            int n = 0;
            int rounds = 0;
            // only urgent jobs submitted before (100 - low priority) aging steps have passed can go first
            long bound = 2L * ((100L - lowPriority) * agingSeconds / arrivalSeconds + 2) + 2;
            while (low.state() == JobState.QUEUED) {
                for (int k = 0; k < 2; k++) {
                    String id = "urgent-" + n++;
                    urgentIds.add(id);
                    d.submit(TestJob.builder(URI.create("file:///k")).id(id).priority(100).timeout(TestJob.MAX_TIMEOUT)
                            .build());
                }
                clock.advance(Duration.ofSeconds(arrivalSeconds));
                runner.running.get(0).finish(RunOutcome.COMPLETE);
                rounds++;
                assertThat(rounds).as("rounds the low-priority job waited").isLessThanOrEqualTo((int) bound);
            }
            assertThat(low.state()).isEqualTo(JobState.RUNNING);
            assertThat(urgentIds).isNotEmpty();
        } finally {
            d.close();
        }
    }
}
