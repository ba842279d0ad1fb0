package io.cikit.core.dispatch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a {@link HardwareRunner} gets for one attempt: the job, the board, the lease to renew, a fresh output
 * directory, the deadline, and an executor for blocking work.
 *
 * @param job the job
 * @param board the board, as it was when the lease was granted
 * @param attempt 1 for the first attempt, 2 for the first retry, …
 * @param lease exclusive use of the board; renew it while the run makes progress
 * @param outputDirectory an existing, empty directory for this attempt's files (console log, result files)
 * @param deadline when the dispatcher will stop the run (the job's timeout from the start)
 * @param executor for blocking work (reading a console, waiting for a process); may be shared with other runs
 * @param clock the dispatcher's clock
 */
public record RunContext(TestJob job, Board board, int attempt, Lease lease, Path outputDirectory, Instant deadline,
        Executor executor, Clock clock) {

    public RunContext {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(clock, "clock");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1: " + attempt);
        }
    }
}
