package io.cikit.bench.dispatch;

import io.cikit.core.dispatch.Board;
import io.cikit.core.dispatch.BoardPool;
import io.cikit.core.dispatch.Dispatcher;
import io.cikit.core.dispatch.HardwareRunner;
import io.cikit.core.dispatch.JobOutcome;
import io.cikit.core.dispatch.JobResult;
import io.cikit.core.dispatch.RunContext;
import io.cikit.core.dispatch.RunHandle;
import io.cikit.core.dispatch.RunOutcome;
import io.cikit.core.dispatch.RunReport;
import io.cikit.core.dispatch.TestJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A lab of boards whose runner finishes every run inside {@code start}, so a run costs nothing and what is measured
 * is the dispatcher: queueing, matching, leasing, bookkeeping, metrics and result building.
 */
final class InstantLab {
    static final URI KERNEL = URI.create("file:///lab/Image");
    private static final RunReport DONE = RunReport.of(RunOutcome.COMPLETE, "");

    private InstantLab() {
    }

    static List<Board> boards(int n) {
        List<Board> boards = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boards.add(Board.builder("board-" + i, i % 2 == 0 ? "rpi4" : "qemu-arm64").arch("arm64").runner("instant")
                    .build());
        }
        return boards;
    }

    static HardwareRunner runner() {
        CompletableFuture<RunReport> done = CompletableFuture.completedFuture(DONE);
        RunHandle handle = new RunHandle() {
            @Override
            public CompletableFuture<RunReport> result() {
                return done;
            }

            @Override
            public void cancel() {
            }
        };
        return new HardwareRunner() {
            @Override
            public String name() {
                return "instant";
            }

            @Override
            public RunHandle start(RunContext context) {
                return handle;
            }
        };
    }

    /** A dispatcher over {@code boards} instant boards; {@code executor} null for the owned pool. */
    static Dispatcher dispatcher(int boards, int jobs, Executor executor, Path work) {
        Dispatcher.Builder b = Dispatcher.builder(BoardPool.of(boards(boards))).runner(runner()).maxQueued(jobs)
                .meterRegistry(new SimpleMeterRegistry()).workDirectory(work);
        if (executor != null) {
            b.executor(executor);
        }
        return b.build();
    }

    /** Submits {@code jobs} jobs with spread priorities and waits for all; returns how many completed. */
    static int run(Dispatcher d, int jobs, String prefix) {
        List<CompletableFuture<JobResult>> results = new ArrayList<>(jobs);
        for (int i = 0; i < jobs; i++) {
            results.add(d.submit(TestJob.builder(KERNEL).id(prefix + i).priority(i % 101).build()).result());
        }
        int complete = 0;
        for (CompletableFuture<JobResult> r : results) {
            if (r.join().outcome() == JobOutcome.COMPLETE) {
                complete++;
            }
        }
        if (complete != jobs) {
            throw new IllegalStateException(complete + " of " + jobs + " jobs completed");
        }
        return complete;
    }
}
