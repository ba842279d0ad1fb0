package io.cikit.core.dispatch;

/**
 * Runs one attempt of a job on one board: boots the kernel, runs the tests, collects results and the console log.
 * The SPI behind every kind of board: {@link LocalCommandRunner} (a lab's own script), {@link QemuRunner}, and later
 * remote labs such as LAVA (submit a job definition, poll its state, fetch results and log), which fit the same shape:
 * {@link #start} submits and returns a {@link RunHandle} at once, the handle's result completes when the remote job
 * ends, and {@link RunHandle#cancel()} cancels it.
 *
 * <p>Contract (checked by {@code io.cikit.testkit.dispatch.HardwareRunnerContract}):
 * <ul>
 *   <li>{@link #start} returns promptly and never throws for a run that fails: failures are a {@link RunReport}. Slow
 *       work goes on {@link RunContext#executor()} or the runner's own threads.</li>
 *   <li>While the run makes progress, it calls {@link Lease#renew()} on {@link RunContext#lease()}; a lease left to
 *       expire tells the dispatcher the runner hung, and the board is reclaimed.</li>
 *   <li>Files go under {@link RunContext#outputDirectory()}; the console log, when there is one, is reported in
 *       {@link RunReport#consoleLog()} and analysed ({@link RunReport#console()}).</li>
 *   <li>A board or lab problem is {@link RunOutcome#INFRA_ERROR}; a job that cannot run anywhere is
 *       {@link RunOutcome#JOB_ERROR}; the software under test failing is {@link RunOutcome#TEST_FAILURES}.</li>
 * </ul>
 *
 * <p>Implementations are thread-safe: one runner serves many boards at once.
 */
public interface HardwareRunner extends AutoCloseable {

    /** The name boards use to pick this runner ({@code local}, {@code qemu}, {@code lava}). */
    String name();

    /** Starts one attempt of {@code context.job()} on {@code context.board()}. */
    RunHandle start(RunContext context);

    /** Releases the runner's own resources (threads, connections). Runs still going are not affected. */
    @Override
    default void close() {
    }
}
