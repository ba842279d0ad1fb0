package io.cikit.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cikit.core.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {
    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock();
    private final FakeRunner runner = new FakeRunner();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<BoardEvent> boardEvents = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> finishedCalls = new ConcurrentHashMap<>();
    private final List<Dispatcher> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() {
        toClose.forEach(Dispatcher::close);
        assertThat(runner.violations).isEmpty();
        assertThat(finishedCalls.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    static Board board(String id, String type) {
        return Board.builder(id, type).arch("arm64").runner("fake").build();
    }

    static TestJob.Builder job(String id) {
        return TestJob.builder(URI.create("file:///lab/Image")).id(id);
    }

    private Dispatcher.Builder dispatcher(BoardPool pool) {
        pool.addListener(boardEvents::add);
        return Dispatcher.builder(pool).runner(runner).clock(clock).executor(Runnable::run)
                .tickInterval(Duration.ofHours(1)).workDirectory(work).meterRegistry(registry)
                .listener(new DispatchListener() {
                    @Override
                    public void jobFinished(JobResult result) {
                        finishedCalls.computeIfAbsent(result.jobId(), k -> new AtomicInteger()).incrementAndGet();
                    }
                });
    }

    private Dispatcher build(Dispatcher.Builder b) {
        Dispatcher d = b.build();
        toClose.add(d);
        return d;
    }

    private static JobResult done(JobHandle h) {
        assertThat(h.result()).succeedsWithin(5, TimeUnit.SECONDS);
        return h.result().join();
    }

    @Test
    void aJobRunsOnAMatchingBoardAndCompletes() {
        BoardPool pool = BoardPool.of(List.of(board("rpi-1", "rpi4"), board("bbb-1", "beaglebone")));
        Dispatcher d = build(dispatcher(pool));

        JobResult r = done(d.submit(job("j1").selector(BoardSelector.builder().type("beaglebone").build()).build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(r.reason()).isEmpty();
        assertThat(r.board()).map(Board::id).contains("bbb-1");
        assertThat(r.attempts()).singleElement().satisfies(a -> {
            assertThat(a.boardId()).isEqualTo("bbb-1");
            assertThat(a.outputDirectory()).startsWithRaw(work).endsWithRaw(Path.of("j1", "attempt-1-bbb-1"));
        });
        assertThat(pool.get("bbb-1").orElseThrow().health()).as("a good run on an UNKNOWN board").isEqualTo(BoardHealth.HEALTHY);
    }

    @Test
    void aJobNoBoardMatchesEndsAtOnceAsInfraError() {
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("rpi-1", "rpi4")))));

        JobResult r = done(d.submit(job("j1").selector(BoardSelector.builder().type("x86").build()).build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("no board in the pool matches"));
        assertThat(r.attempts()).isEmpty();
        assertThat(runner.started).isEmpty();
    }

    @Test
    void aFullQueueRejectsWithAClearMessageAndCountsIt() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))).maxQueued(2));
        d.submit(job("running").build());
        d.submit(job("q1").build());
        d.submit(job("q2").build());

        assertThatThrownBy(() -> d.submit(job("q3").build())).isInstanceOf(QueueFullException.class)
                .hasMessageContaining("full (2 jobs waiting)")
                .satisfies(e -> assertThat(((QueueFullException) e).capacity()).isEqualTo(2));
        assertThat(registry.get(DispatchMetrics.REJECTED).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DispatchMetrics.QUEUE_DEPTH).gauge().value()).isEqualTo(2.0);
        assertThat(d.stats().queued()).isEqualTo(2);
        assertThat(d.stats().running()).isEqualTo(1);
    }

    @Test
    void aJobIdCannotBeQueuedTwice() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))));
        d.submit(job("same").build());

        assertThatThrownBy(() -> d.submit(job("same").build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already queued or running");
    }

    @Test
    void higherPriorityRunsFirstThenSubmissionOrder() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))));
        d.submit(job("blocker").build());
        d.submit(job("low").priority(10).build());
        d.submit(job("high-a").priority(90).build());
        d.submit(job("mid").priority(50).build());
        d.submit(job("high-b").priority(90).build());

        for (int i = 0; i < 5; i++) {
            runner.running.get(0).finish(RunOutcome.COMPLETE);
        }

        assertThat(runner.startedIds()).containsExactly("blocker", "high-a", "high-b", "mid", "low");
    }

    @Test
    void agingLetsAnOldLowPriorityJobOvertakeNewerHighPriorityOnes() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))).agingStep(Duration.ofSeconds(10)));
        d.submit(job("blocker").build());
        d.submit(job("old-low").priority(0).build());
        clock.advance(Duration.ofSeconds(10 * 100 + 1));
        d.submit(job("new-high").priority(100).build());

        runner.running.get(0).finish(RunOutcome.COMPLETE);

        assertThat(runner.runningIds()).containsExactly("old-low");
    }

    @Test
    void withoutAgingPriorityIsStrict() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))).agingStep(Duration.ZERO));
        d.submit(job("blocker").build());
        d.submit(job("old-low").priority(0).build());
        clock.advance(Duration.ofDays(30));
        d.submit(job("new-high").priority(1).build());

        runner.running.get(0).finish(RunOutcome.COMPLETE);

        assertThat(runner.runningIds()).containsExactly("new-high");
    }

    @Test
    void anInfraErrorIsRetriedOnAnotherBoardUpToMaxAttempts() {
        runner.outcome(c -> RunOutcome.INFRA_ERROR);
        BoardPool pool = BoardPool.of(List.of(board("b1", "t"), board("b2", "t"), board("b3", "t"), board("b4", "t")));
        Dispatcher d = build(dispatcher(pool));

        JobResult r = done(d.submit(job("j").maxAttempts(3).build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("after 3 attempts"));
        assertThat(r.attempts()).hasSize(3).extracting(Attempt::boardId).doesNotHaveDuplicates();
        assertThat(r.attempts()).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
            assertThat(a.countedAgainstBoard()).isTrue();
        });
        assertThat(registry.get(DispatchMetrics.INFRA_FAILURES).counters()).isNotEmpty();
    }

    @Test
    void anInfraErrorFollowedBySuccessEndsComplete() {
        runner.outcome(c -> c.attempt() == 1 ? RunOutcome.INFRA_ERROR : RunOutcome.COMPLETE);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t"), board("b2", "t")))));

        JobResult r = done(d.submit(job("j").build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(r.attempts()).extracting(Attempt::outcome).containsExactly(JobOutcome.INFRA_ERROR, JobOutcome.COMPLETE);
        assertThat(r.attempts().get(0).boardId()).isNotEqualTo(r.attempts().get(1).boardId());
    }

    @Test
    void anInfraErrorWithNoUntriedBoardLeftEndsAtOnce() {
        runner.outcome(c -> RunOutcome.INFRA_ERROR);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("only", "t")))));

        JobResult r = done(d.submit(job("j").maxAttempts(5).build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).contains("no other board"));
    }

    @Test
    void testFailuresAreReportedNotRetried() {
        runner.outcome(c -> RunOutcome.TEST_FAILURES);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t"), board("b2", "t")))));

        JobResult r = done(d.submit(job("j").build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.TEST_FAILURES);
        assertThat(r.attempts()).hasSize(1);
    }

    @Test
    void aJobErrorIsNeitherRetriedNorHeldAgainstTheBoard() {
        runner.outcome(c -> RunOutcome.JOB_ERROR);
        BoardPool pool = BoardPool.of(List.of(board("b1", "t"), board("b2", "t")));
        Dispatcher d = build(dispatcher(pool).unhealthyAfter(1));

        JobResult r = done(d.submit(job("j").build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(r.reason()).hasValueSatisfying(s -> assertThat(s).startsWith("the job cannot run"));
        assertThat(r.attempts()).singleElement().satisfies(a -> assertThat(a.countedAgainstBoard()).isFalse());
        assertThat(pool.boards()).extracting(Board::health).doesNotContain(BoardHealth.UNHEALTHY);
    }

    @Test
    void aRunnerThatThrowsInStartIsAnInfraErrorAndRetried() {
        HardwareRunner broken = new HardwareRunner() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public RunHandle start(RunContext context) {
                throw new IllegalStateException("lab controller unreachable");
            }
        };
        BoardPool pool = BoardPool.of(List.of(Board.builder("x1", "t").runner("broken").build(), board("b1", "t")));
        Dispatcher d = build(dispatcher(pool).runner(broken));

        JobResult r = done(d.submit(job("j").build()));

        assertThat(r.attempts()).extracting(Attempt::boardId).contains("x1");
        assertThat(r.attempts().get(0).reason()).hasValueSatisfying(s -> assertThat(s).contains("lab controller unreachable"));
        assertThat(r.outcome()).isEqualTo(JobOutcome.COMPLETE);
    }

    @Test
    void aBoardWithoutItsRunnerFailsItsAttemptsAsInfraErrors() {
        BoardPool pool = BoardPool.of(List.of(Board.builder("l1", "t").runner("lava").build()));
        Dispatcher d = build(dispatcher(pool));

        JobResult r = done(d.submit(job("j").build()));

        assertThat(r.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(r.attempts().get(0).reason()).hasValueSatisfying(s -> assertThat(s).contains("no runner named `lava`"));
    }

    @Test
    void aBoardWithThreeInfraFailuresInARowBecomesUnhealthyAndIsSkipped() {
        runner.outcome(c -> c.board().id().equals("flaky") ? RunOutcome.INFRA_ERROR : RunOutcome.COMPLETE);
        BoardPool pool = BoardPool.of(List.of(board("flaky", "t")));
        Dispatcher d = build(dispatcher(pool));
        for (int i = 0; i < 3; i++) {
            done(d.submit(job("j" + i).maxAttempts(1).build()));
        }
        assertThat(pool.get("flaky").orElseThrow().health()).isEqualTo(BoardHealth.UNHEALTHY);
        assertThat(boardEvents).anySatisfy(e -> {
            assertThat(e.board().health()).isEqualTo(BoardHealth.UNHEALTHY);
            assertThat(e.reason()).contains("3 infrastructure failures in a row");
        });

        pool.add(board("good", "t"));
        JobResult r = done(d.submit(job("after").build()));

        assertThat(r.board()).map(Board::id).contains("good");
        assertThat(runner.startsByBoard.get("flaky").get()).isEqualTo(3);
    }

    @Test
    void aGoodRunResetsTheFailureCount() {
        AtomicInteger n = new AtomicInteger();
        runner.outcome(c -> n.incrementAndGet() % 3 == 0 ? RunOutcome.COMPLETE : RunOutcome.INFRA_ERROR);
        BoardPool pool = BoardPool.of(List.of(board("b", "t")));
        Dispatcher d = build(dispatcher(pool));
        for (int i = 0; i < 6; i++) {
            done(d.submit(job("j" + i).maxAttempts(1).build()));
        }
        assertThat(pool.get("b").orElseThrow().health()).isNotEqualTo(BoardHealth.UNHEALTHY);
    }

    @Test
    void anUnhealthyBoardGetsAHealthCheckAndTakesJobsAgainWhenItPasses() {
        AtomicInteger failures = new AtomicInteger(1);
        runner.outcome(c -> c.job().id().startsWith("health-") ? RunOutcome.COMPLETE
                : failures.getAndDecrement() > 0 ? RunOutcome.INFRA_ERROR : RunOutcome.COMPLETE);
        BoardPool pool = BoardPool.of(List.of(board("b", "t").withHealth(BoardHealth.HEALTHY)));
        Dispatcher d = build(dispatcher(pool).unhealthyAfter(1)
                .healthCheck(b -> job("template").name("smoke").build()));

        JobResult first = done(d.submit(job("j1").maxAttempts(1).build()));
        JobResult second = done(d.submit(job("j2").build()));

        assertThat(first.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(runner.startedIds()).hasSize(3);
        assertThat(runner.startedIds().get(1)).startsWith("health-");
        assertThat(runner.started.get(1).context.job().selector().boardId()).contains("b");
        assertThat(runner.started.get(1).context.job().priority()).isEqualTo(100);
        assertThat(second.outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(pool.get("b").orElseThrow().health()).isEqualTo(BoardHealth.HEALTHY);
    }

    @Test
    void aFailedHealthCheckKeepsTheBoardOutUntilAnOperatorBringsItBack() {
        runner.outcome(c -> c.job().id().startsWith("health-") ? RunOutcome.TEST_FAILURES : RunOutcome.COMPLETE);
        BoardPool pool = BoardPool.of(List.of(board("b", "t")));
        Dispatcher d = build(dispatcher(pool).healthCheck(b -> job("template").build()));
        JobHandle waiting = d.submit(job("j").build());

        assertThat(runner.startedIds()).singleElement().asString().startsWith("health-");
        assertThat(pool.get("b").orElseThrow().health()).isEqualTo(BoardHealth.UNHEALTHY);
        assertThat(waiting.state()).isEqualTo(JobState.QUEUED);
        assertThat(boardEvents).anySatisfy(e -> assertThat(e.reason()).contains("health check").contains("failed"));

        runner.outcome(c -> RunOutcome.COMPLETE);
        pool.online("b");

        assertThat(done(waiting).outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(runner.startedIds()).hasSize(3).element(1).asString().startsWith("health-");
    }

    @Test
    void aRunningJobPastItsTimeoutIsStoppedAndEndsAsTimeout() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t"), board("b2", "t"))))
                .leaseDuration(Duration.ofHours(1)));
        JobHandle h = d.submit(job("slow").timeout(Duration.ofMinutes(5)).build());

        clock.advance(Duration.ofMinutes(4));
        d.tick();
        assertThat(h.state()).isEqualTo(JobState.RUNNING);
        clock.advance(Duration.ofMinutes(1));
        d.tick();

        JobResult r = done(h);
        assertThat(r.outcome()).isEqualTo(JobOutcome.TIMEOUT);
        assertThat(r.attempts()).hasSize(1);
        assertThat(runner.started.get(0).cancelled).isTrue();
        assertThat(r.runTime()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void cancellingAQueuedJobEndsItAtOnce() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))));
        d.submit(job("blocker").build());
        JobHandle queued = d.submit(job("queued").build());

        assertThat(queued.cancel()).isTrue();
        assertThat(queued.cancel()).isFalse();

        JobResult r = done(queued);
        assertThat(r.outcome()).isEqualTo(JobOutcome.CANCELLED);
        assertThat(r.startedAt()).isEmpty();
        assertThat(d.stats().queued()).isZero();
    }

    @Test
    void cancellingARunningJobStopsItsRun() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))));
        JobHandle h = d.submit(job("j").build());
        JobHandle next = d.submit(job("next").build());

        h.cancel();

        assertThat(done(h).outcome()).isEqualTo(JobOutcome.CANCELLED);
        assertThat(runner.started.get(0).cancelled).isTrue();
        assertThat(next.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void anExpiredLeaseIsReclaimedAndTheJobRetriedElsewhere() {
        runner.mode = c -> c.board().id().equals("hung") ? FakeRunner.Mode.HELD : FakeRunner.Mode.INSTANT;
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("hung", "t"), board("ok", "t"))))
                .leaseDuration(Duration.ofSeconds(60)));
        JobHandle h = d.submit(job("j").build());
        FakeRunner.Run run = runner.runningJob("j");
        clock.advance(Duration.ofSeconds(30));
        assertThat(run.context.lease().renew()).isTrue();
        clock.advance(Duration.ofSeconds(59));
        d.tick();
        assertThat(h.state()).as("renewed 59 s ago").isEqualTo(JobState.RUNNING);

        clock.advance(Duration.ofSeconds(2));
        d.tick();

        JobResult r = done(h);
        assertThat(r.outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(r.attempts().get(0)).satisfies(a -> {
            assertThat(a.boardId()).isEqualTo("hung");
            assertThat(a.outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
            assertThat(a.countedAgainstBoard()).isTrue();
            assertThat(a.reason()).hasValueSatisfying(s -> assertThat(s).contains("stopped renewing its lease"));
        });
        assertThat(run.context.lease().isValid()).isFalse();
        assertThat(run.context.lease().renew()).isFalse();
    }

    @Test
    void aRunnerThatIgnoresCancelIsGivenUpOnAfterTheStopGrace() {
        runner.mode = c -> c.job().id().equals("j") ? FakeRunner.Mode.DEAF : FakeRunner.Mode.HELD;
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))).stopGrace(Duration.ofSeconds(30)));
        JobHandle h = d.submit(job("j").build());
        JobHandle next = d.submit(job("next").build());
        h.cancel();
        clock.advance(Duration.ofSeconds(29));
        d.tick();
        assertThat(h.state()).isEqualTo(JobState.RUNNING);

        clock.advance(Duration.ofSeconds(1));
        d.tick();

        JobResult r = done(h);
        assertThat(r.outcome()).isEqualTo(JobOutcome.CANCELLED);
        assertThat(r.attempts().get(0).countedAgainstBoard()).isTrue();
        assertThat(r.attempts().get(0).reason()).hasValueSatisfying(s -> assertThat(s).contains("did not stop within"));
        // the board is reclaimed from a runner that never reported (the fake notices), and goes on to the next job
        assertThat(next.state()).isEqualTo(JobState.RUNNING);
        assertThat(runner.violations).containsExactly("board b1 got next while busy");
        runner.violations.clear();
        // the deaf run finishing late changes nothing
        runner.runningJob("j").result.complete(RunReport.of(RunOutcome.COMPLETE, ""));
        assertThat(done(h).outcome()).isEqualTo(JobOutcome.CANCELLED);
    }

    @Test
    void aBoardTakenOfflineHasItsJobRetriedElsewhereWithoutBlame() {
        runner.mode = c -> c.board().id().equals("b1") ? FakeRunner.Mode.HELD : FakeRunner.Mode.INSTANT;
        BoardPool pool = BoardPool.of(List.of(board("b1", "t"), board("b2", "t")));
        Dispatcher d = build(dispatcher(pool).unhealthyAfter(1));
        runner.mode(FakeRunner.Mode.HELD);
        JobHandle h = d.submit(job("j").build());
        JobHandle other = d.submit(job("other").build());
        String first = h.board().orElseThrow().id();
        runner.mode = c -> FakeRunner.Mode.INSTANT;
        runner.runningJob("other").finish(RunOutcome.COMPLETE);

        pool.offline(first, "power supply replaced");

        JobResult r = done(h);
        assertThat(r.outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(r.attempts().get(0)).satisfies(a -> {
            assertThat(a.reason()).hasValueSatisfying(s -> assertThat(s).contains("went away").contains("power supply"));
            assertThat(a.countedAgainstBoard()).isFalse();
        });
        assertThat(r.attempts().get(1).boardId()).isNotEqualTo(first);
        assertThat(done(other).outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(pool.get(first).orElseThrow().health()).isEqualTo(BoardHealth.OFFLINE);
    }

    @Test
    void aBoardInMaintenanceFinishesItsJobAndTakesNoNewOne() {
        runner.mode(FakeRunner.Mode.HELD);
        BoardPool pool = BoardPool.of(List.of(board("b1", "t")));
        Dispatcher d = build(dispatcher(pool));
        JobHandle running = d.submit(job("running").build());
        JobHandle waiting = d.submit(job("waiting").build());

        pool.maintenance("b1", "firmware update");
        runner.runningJob("running").finish(RunOutcome.COMPLETE);

        assertThat(done(running).outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(waiting.state()).isEqualTo(JobState.QUEUED);
        pool.online("b1");
        assertThat(waiting.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void removingTheLastMatchingBoardEndsTheJobsWaitingForIt() {
        runner.mode(FakeRunner.Mode.HELD);
        BoardPool pool = BoardPool.of(List.of(board("rpi", "rpi4"), board("x86", "pc")));
        Dispatcher d = build(dispatcher(pool));
        d.submit(job("blocker").selector(BoardSelector.builder().type("rpi4").build()).build());
        JobHandle waiting = d.submit(job("waiting").selector(BoardSelector.builder().type("rpi4").build()).build());

        pool.remove("rpi");

        assertThat(done(waiting).outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(done(waiting).reason()).hasValueSatisfying(s -> assertThat(s).contains("any more"));
    }

    @Test
    void aBoardRemovedAndAddedBackWhileItsRunIsStoppingKeepsItsNewPlace() {
        runner.mode(FakeRunner.Mode.DEAF);
        BoardPool pool = BoardPool.of(List.of(board("b1", "t"), board("b2", "t")));
        Dispatcher d = build(dispatcher(pool));
        JobHandle first = d.submit(job("first").selector(BoardSelector.board("b1")).build());
        FakeRunner.Run old = runner.runningJob("first");

        pool.remove("b1");
        pool.add(board("b1", "t"));
        old.finish(RunOutcome.STOPPED);
        runner.mode(FakeRunner.Mode.INSTANT);
        JobResult again = done(d.submit(job("again").selector(BoardSelector.board("b1")).build()));

        assertThat(done(first).outcome()).isEqualTo(JobOutcome.INFRA_ERROR);
        assertThat(again.outcome()).isEqualTo(JobOutcome.COMPLETE);
        assertThat(again.board()).map(Board::id).contains("b1");
    }

    @Test
    void aBoardAddedAtRunTimeTakesWaitingJobs() {
        runner.mode(FakeRunner.Mode.HELD);
        BoardPool pool = BoardPool.of(List.of(board("b1", "t")));
        Dispatcher d = build(dispatcher(pool));
        d.submit(job("first").build());
        JobHandle second = d.submit(job("second").build());

        pool.add(board("b2", "t"));

        assertThat(second.state()).isEqualTo(JobState.RUNNING);
        assertThat(second.board()).map(Board::id).contains("b2");
    }

    @Test
    void closeCancelsQueuedAndRunningJobsAndRefusesNewOnes() {
        runner.mode(FakeRunner.Mode.HELD);
        Dispatcher d = dispatcher(BoardPool.of(List.of(board("b1", "t")))).build();
        JobHandle running = d.submit(job("running").build());
        JobHandle queued = d.submit(job("queued").build());

        d.close();

        assertThat(done(running).outcome()).isEqualTo(JobOutcome.CANCELLED);
        assertThat(done(queued).outcome()).isEqualTo(JobOutcome.CANCELLED);
        assertThat(done(queued).reason()).contains("the dispatcher closed");
        assertThatThrownBy(() -> d.submit(job("late").build())).isInstanceOf(IllegalStateException.class);
        d.close();
    }

    @Test
    void listenersSeeEveryStepAndOneThatThrowsChangesNothing() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))).listener(new DispatchListener() {
            @Override
            public void jobQueued(TestJob job, int nextAttempt) {
                throw new IllegalStateException("listener bug");
            }
        }).listener(new DispatchListener() {
            @Override
            public void jobQueued(TestJob job, int nextAttempt) {
                seen.add("queued " + job.id() + " " + nextAttempt);
            }

            @Override
            public void attemptStarted(TestJob job, Board board, int attempt) {
                seen.add("started " + job.id() + " on " + board.id());
            }

            @Override
            public void attemptEnded(TestJob job, Attempt attempt) {
                seen.add("ended " + job.id() + " " + attempt.outcome());
            }

            @Override
            public void jobFinished(JobResult result) {
                seen.add("finished " + result.jobId() + " " + result.outcome());
            }
        }));

        done(d.submit(job("j").build()));

        assertThat(seen).containsExactly("queued j 1", "started j on b1", "ended j COMPLETE", "finished j COMPLETE");
    }

    @Test
    void metricsCountOutcomesByBoardTypeAndTimeWaitsAndRuns() {
        runner.outcome(c -> c.job().id().startsWith("f") ? RunOutcome.TEST_FAILURES : RunOutcome.COMPLETE);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "rpi4")))).name("lab1"));
        done(d.submit(job("ok").build()));
        done(d.submit(job("fail").build()));

        assertThat(registry.get(DispatchMetrics.JOBS).tag("board.type", "rpi4").tag("outcome", "COMPLETE")
                .tag("dispatcher", "lab1").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DispatchMetrics.JOBS).tag("outcome", "TEST_FAILURES").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DispatchMetrics.WAIT).timer().count()).isEqualTo(2);
        assertThat(registry.get(DispatchMetrics.RUN).tag("board.type", "rpi4").timers()).hasSize(2);
        assertThat(registry.get(DispatchMetrics.RUNNING).gauge().value()).isZero();
    }

    @Test
    void instantRunsOnAnInlineExecutorDoNotRecurse() {
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "t")))).maxQueued(50_000));
        runner.mode(FakeRunner.Mode.HELD);
        d.submit(job("blocker").build());
        runner.mode(FakeRunner.Mode.INSTANT);
        List<JobHandle> handles = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            handles.add(d.submit(job("j" + i).build()));
        }

        runner.runningJob("blocker").finish(RunOutcome.COMPLETE);

        assertThat(handles.stream().filter(h -> h.result().isDone()).count()).isEqualTo(handles.size());
    }

    @Test
    void theResultRendersAsTheDocumentedJson() {
        runner.outcome(c -> RunOutcome.TEST_FAILURES);
        Dispatcher d = build(dispatcher(BoardPool.of(List.of(board("b1", "rpi4")))));
        JobResult r = done(d.submit(job("j").name("kunit").origin(JobOrigin.of("torvalds/linux", "abc123", "77")).build()));

        var json = r.toJson();

        assertThat(json.get("jobId").asText()).isEqualTo("j");
        assertThat(json.get("name").asText()).isEqualTo("kunit");
        assertThat(json.get("outcome").asText()).isEqualTo("TEST_FAILURES");
        assertThat(json.get("reason").asText()).isEqualTo("fake TEST_FAILURES");
        assertThat(json.get("board").get("type").asText()).isEqualTo("rpi4");
        assertThat(json.get("attempts").get(0).get("board").asText()).isEqualTo("b1");
        assertThat(json.get("summary").get("total").asInt()).isZero();
        assertThat(json.get("consoleLog").isNull()).isTrue();
        assertThat(json.get("lastStage").isNull()).isTrue();
        assertThat(json.get("origin").get("buildId").asText()).isEqualTo("77");
        assertThat(json.get("waitMillis").asLong()).isZero();
        assertThat(json.fieldNames()).toIterable().contains("results", "incidents", "submittedAt", "startedAt",
                "finishedAt", "runMillis", "details", "healthCheck");
    }
}
