package io.cikit.testkit.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cikit.core.dispatch.Board;
import io.cikit.core.dispatch.HardwareRunner;
import io.cikit.core.dispatch.Lease;
import io.cikit.core.dispatch.RunContext;
import io.cikit.core.dispatch.RunHandle;
import io.cikit.core.dispatch.RunOutcome;
import io.cikit.core.dispatch.RunReport;
import io.cikit.core.dispatch.RunState;
import io.cikit.core.dispatch.TestJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link HardwareRunner} meets, as tests a runner's test class inherits:
 * {@code class LavaRunnerTest extends HardwareRunnerContract}. Each test starts real runs the way the
 * {@code Dispatcher} does (a {@link RunContext} with a lease, an output directory and an executor) and checks what the
 * dispatcher relies on:
 * <ul>
 *   <li>{@code start} returns while the run goes on, and the result completes exactly once, normally, whatever
 *       happens (failures are reports, not exceptions);</li>
 *   <li>a passing job is COMPLETE, a failing one TEST_FAILURES with a failed result or a reason;</li>
 *   <li>{@link RunHandle#cancel()} stops a run that would never end, with STOPPED; cancelling twice, or after the
 *       end, changes nothing;</li>
 *   <li>the lease is renewed while a run goes on, so the dispatcher does not take the board back;</li>
 *   <li>a job whose local kernel image does not exist is a JOB_ERROR (override {@link #checksLocalArtifacts()} for
 *       runners that cannot know);</li>
 *   <li>a console log, when reported, exists inside the output directory and was analysed.</li>
 * </ul>
 *
 * <p>A subclass supplies the runner, a board it drives, and three jobs built in a work directory: one that passes,
 * one whose tests fail, and one that runs until stopped. Runs are bounded by {@link #runTimeout()}.
 */
public abstract class HardwareRunnerContract {
    private ExecutorService threads;

    /** A directory the jobs may put their artifacts in (kernel images, scripts). */
    @TempDir
    protected Path work;

    // ---- what a runner's test supplies

    /** The runner under test; asked once per test and closed after it. */
    protected abstract HardwareRunner runner();

    /** A board the runner drives. */
    protected abstract Board board();

    /** A job the runner completes with every test passing. */
    protected abstract TestJob passingJob(Path work) throws IOException;

    /** A job the runner completes with failed tests (or a failed boot). */
    protected abstract TestJob failingJob(Path work) throws IOException;

    /** A job that runs until it is stopped. */
    protected abstract TestJob hangingJob(Path work) throws IOException;

    /** The longest any one run in these tests may take; default one minute. */
    protected Duration runTimeout() {
        return Duration.ofMinutes(1);
    }

    /** Whether the runner checks local artifacts before it runs; false for runners that hand files to a remote lab. */
    protected boolean checksLocalArtifacts() {
        return true;
    }

    // ---- plumbing

    @BeforeEach
    void startThreads() {
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runner-contract");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A run the way the dispatcher starts one: attempt 1, a one-minute lease, a fresh output directory. */
    protected final Started start(HardwareRunner runner, TestJob job, Lease lease) {
        Path out;
        try {
            out = Files.createDirectories(work.resolve("out").resolve(job.id() + "-" + System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunContext context = new RunContext(job, board(), 1, lease, out, Instant.now().plus(runTimeout()), threads,
                Clock.systemUTC());
        RunHandle handle = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> runner.start(context),
                "start must return while the run goes on");
        assertThat(handle).as("start returned a handle").isNotNull();
        return new Started(context, handle);
    }

    protected final Started start(HardwareRunner runner, TestJob job) {
        return start(runner, job, new Lease(board().id(), job.id(), 1, Duration.ofMinutes(1), Clock.systemUTC()));
    }

    /** A started run. */
    protected record Started(RunContext context, RunHandle handle) {
        /** Waits for the report, which must come normally. */
        public RunReport report(Duration within) {
            try {
                return handle.result().get(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the result completed exceptionally; runners report failures as RunReports",
                        e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("no result within " + within, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private void checkConsole(RunReport report, RunContext context) {
        if (report.consoleLog().isPresent()) {
            Path log = report.consoleLog().get();
            assertThat(log).as("the console log").exists();
            assertThat(log.toAbsolutePath().normalize().startsWith(context.outputDirectory().toAbsolutePath().normalize()))
                    .as("the console log %s is inside the output directory", log).isTrue();
            assertThat(report.console()).as("a reported console log is analysed").isPresent();
        }
    }

    // ---- the contract

    @Test
    public void aPassingJobIsComplete() throws IOException {
        try (HardwareRunner runner = runner()) {
            assertThat(runner.name()).isNotBlank();
            Started s = start(runner, passingJob(work));

            RunReport report = s.report(runTimeout());

            assertThat(report.outcome()).as("outcome (%s)", report.reason().orElse("")).isEqualTo(RunOutcome.COMPLETE);
            assertThat(report.tests()).noneMatch(t -> t.status().isBad());
            assertThat(s.handle().state()).isEqualTo(RunState.FINISHED);
            checkConsole(report, s.context());
        }
    }

    @Test
    public void aFailingJobReportsTestFailures() throws IOException {
        try (HardwareRunner runner = runner()) {
            Started s = start(runner, failingJob(work));

            RunReport report = s.report(runTimeout());

            assertThat(report.outcome()).as("outcome (%s)", report.reason().orElse(""))
                    .isEqualTo(RunOutcome.TEST_FAILURES);
            assertThat(report.tests().stream().anyMatch(t -> t.status().isBad()) || report.reason().isPresent())
                    .as("a failed test or a reason says what failed").isTrue();
            checkConsole(report, s.context());
        }
    }

    @Test
    public void cancelStopsARunThatWouldNeverEnd() throws IOException, InterruptedException {
        try (HardwareRunner runner = runner()) {
            Started s = start(runner, hangingJob(work));
            Thread.sleep(500);
            assertThat(s.handle().result()).as("the hanging job is still running").isNotDone();

            s.handle().cancel();
            s.handle().cancel();
            RunReport report = s.report(runTimeout());

            assertThat(report.outcome()).isEqualTo(RunOutcome.STOPPED);
            assertThat(s.handle().state()).isEqualTo(RunState.FINISHED);
            checkConsole(report, s.context());
        }
    }

    @Test
    public void cancelAfterTheEndChangesNothing() throws IOException {
        try (HardwareRunner runner = runner()) {
            Started s = start(runner, passingJob(work));
            RunReport report = s.report(runTimeout());

            s.handle().cancel();

            assertThat(s.handle().result().join()).isSameAs(report);
            assertThat(s.handle().state()).isEqualTo(RunState.FINISHED);
        }
    }

    @Test
    public void theLeaseIsRenewedWhileTheRunGoesOn() throws IOException, InterruptedException {
        try (HardwareRunner runner = runner()) {
            TestJob job = hangingJob(work);
            Lease lease = new Lease(board().id(), job.id(), 1, Duration.ofSeconds(30), Clock.systemUTC());
            Started s = start(runner, job, lease);
            try {
                for (int i = 0; i < 200 && s.handle().state() != RunState.RUNNING; i++) {
                    Thread.sleep(100);
                }
                assertThat(s.handle().state()).as("the run got going").isEqualTo(RunState.RUNNING);
                Instant before = lease.expiresAt();
                Thread.sleep(1500);
                assertThat(lease.expiresAt()).as("the lease was renewed while the run went on").isAfter(before);
                assertThat(lease.isValid()).isTrue();
            } finally {
                s.handle().cancel();
                s.report(runTimeout());
            }
        }
    }

    @Test
    public void aMissingLocalKernelImageIsAJobError() throws IOException {
        if (!checksLocalArtifacts()) {
            return;
        }
        try (HardwareRunner runner = runner()) {
            TestJob job = passingJob(work).toBuilder().kernelImage(work.resolve("no-such-Image").toUri()).build();

            RunReport report = start(runner, job).report(runTimeout());

            assertThat(report.outcome()).isEqualTo(RunOutcome.JOB_ERROR);
            assertThat(report.reason()).as("the reason names the missing file")
                    .hasValueSatisfying(r -> assertThat(r).contains("no-such-Image"));
        }
    }

    @Test
    public void aFailedRunSaysWhyInOneLine() throws IOException {
        try (HardwareRunner runner = runner()) {
            RunReport report = start(runner, failingJob(work)).report(runTimeout());

            assertThat(report.tests()).allSatisfy(t -> assertThat(t.path()).isNotBlank());
            Optional<String> reason = report.reason();
            assertThat(reason).hasValueSatisfying(r -> assertThat(r).isNotBlank().doesNotContain("\n"));
        }
    }
}
