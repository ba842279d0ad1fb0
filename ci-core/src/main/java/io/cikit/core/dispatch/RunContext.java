package io.cikit.core.dispatch;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link HardwareRunner} gets for one attempt: the job, the board, the lease to renew, an output directory,
 * the deadline, and an executor for blocking work. Thread-safe.
 *
 * <p>The output directory is made the first time {@link #outputDirectory()} is called (a runner that writes nothing
 * costs no file-system work); it is new and empty.
 */
public final class RunContext {
    private final TestJob job;
    private final Board board;
    private final int attempt;
    private final Lease lease;
    private final Instant deadline;
    private final Executor executor;
    private final Clock clock;
    private final Supplier<Path> makeDirectory;
    private volatile @Nullable Path directory;

    /**
     * A context with an existing output directory (for tests and runner contracts; the dispatcher makes its own).
     *
     * @param attempt 1 for the first attempt
     */
    public RunContext(TestJob job, Board board, int attempt, Lease lease, Path outputDirectory, Instant deadline,
            Executor executor, Clock clock) {
        this(job, board, attempt, lease, deadline, executor, clock, () -> outputDirectory);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
    }

    RunContext(TestJob job, Board board, int attempt, Lease lease, Instant deadline, Executor executor, Clock clock,
            Supplier<Path> makeDirectory) {
        this.job = Objects.requireNonNull(job, "job");
        this.board = Objects.requireNonNull(board, "board");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.makeDirectory = makeDirectory;
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1: " + attempt);
        }
        this.attempt = attempt;
    }

    public TestJob job() {
        return job;
    }

    /** The board, as it was when the lease was granted. */
    public Board board() {
        return board;
    }

    /** 1 for the first attempt, 2 for the first retry, … */
    public int attempt() {
        return attempt;
    }

    /** Exclusive use of the board; renew it while the run makes progress. */
    public Lease lease() {
        return lease;
    }

    /**
     * This attempt's own directory for its files (console log, result files), made on first call.
     *
     * @throws UncheckedIOException when it cannot be made
     */
    public Path outputDirectory() {
        Path d = directory;
        if (d == null) {
            synchronized (this) {
                d = directory;
                if (d == null) {
                    d = Objects.requireNonNull(makeDirectory.get(), "output directory");
                    directory = d;
                }
            }
        }
        return d;
    }

    /** When the dispatcher will stop the run (the job's timeout from the start). */
    public Instant deadline() {
        return deadline;
    }

    /** For blocking work (reading a console, waiting for a process); shared with other runs. */
    public Executor executor() {
        return executor;
    }

    /** The dispatcher's clock. */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "RunContext[" + job.id() + " attempt " + attempt + " on " + board.id() + "]";
    }
}
