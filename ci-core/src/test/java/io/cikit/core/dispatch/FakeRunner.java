package io.cikit.core.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A runner whose runs end when the test says, or at once with an outcome a function picks. It checks the one thing
 * no runner can check for itself: that a board never has two runs at once.
 */
final class FakeRunner implements HardwareRunner {
    /** What a run does. */
    enum Mode {
        /** Ends inside {@code start}, with the chosen outcome. */
        INSTANT,
        /** Waits for {@link Run#finish} (or a cancel, which ends it STOPPED). */
        HELD,
        /** Waits for {@link Run#finish}; ignores cancel. */
        DEAF
    }

    /** One started run. */
    final class Run implements RunHandle {
        final RunContext context;
        final CompletableFuture<RunReport> result = new CompletableFuture<>();
        final boolean deaf;
        volatile boolean cancelled;

        Run(RunContext context, boolean deaf) {
            this.context = context;
            this.deaf = deaf;
        }

        void finish(RunOutcome outcome) {
            finish(RunReport.of(outcome, outcome == RunOutcome.COMPLETE ? "" : "fake " + outcome));
        }

        void finish(RunReport report) {
            if (!busy.remove(context.board().id())) {
                violations.add("board " + context.board().id() + " was not busy when a run on it ended");
            }
            running.remove(this);
            result.complete(report);
        }

        String jobId() {
            return context.job().id();
        }

        @Override
        public CompletableFuture<RunReport> result() {
            return result;
        }

        @Override
        public void cancel() {
            cancelled = true;
            if (!deaf && !result.isDone()) {
                finish(RunOutcome.STOPPED);
            }
        }
    }

    final String name;
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<Run> started = Collections.synchronizedList(new ArrayList<>());
    final List<Run> running = new CopyOnWriteArrayList<>();
    final Set<String> busy = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> startsByBoard = new ConcurrentHashMap<>();
    volatile Function<RunContext, Mode> mode = c -> Mode.INSTANT;
    volatile Function<RunContext, RunOutcome> outcome = c -> RunOutcome.COMPLETE;

    FakeRunner() {
        this("fake");
    }

    FakeRunner(String name) {
        this.name = name;
    }

    FakeRunner mode(Mode m) {
        this.mode = c -> m;
        return this;
    }

    FakeRunner outcome(Function<RunContext, RunOutcome> f) {
        this.outcome = f;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RunHandle start(RunContext context) {
        if (!busy.add(context.board().id())) {
            violations.add("board " + context.board().id() + " got " + context.job().id() + " while busy");
        }
        startsByBoard.computeIfAbsent(context.board().id(), k -> new AtomicInteger()).incrementAndGet();
        Mode m = mode.apply(context);
        Run run = new Run(context, m == Mode.DEAF);
        started.add(run);
        running.add(run);
        if (m == Mode.INSTANT) {
            run.finish(outcome.apply(context));
        }
        return run;
    }

    /** The run of a job that is still running. */
    Run runningJob(String jobId) {
        return running.stream().filter(r -> r.jobId().equals(jobId)).findFirst()
                .orElseThrow(() -> new AssertionError(jobId + " is not running; running: " + runningIds()));
    }

    List<String> runningIds() {
        List<String> ids = new ArrayList<>();
        running.forEach(r -> ids.add(r.jobId()));
        return ids;
    }

    List<String> startedIds() {
        List<String> ids = new ArrayList<>();
        synchronized (started) {
            started.forEach(r -> ids.add(r.jobId()));
        }
        return Collections.unmodifiableList(ids);
    }
}
