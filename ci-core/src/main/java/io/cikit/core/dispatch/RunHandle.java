package io.cikit.core.dispatch;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One run started by a {@link HardwareRunner}: its result when it ends, a way to stop it, and its state for runners
 * that poll a remote lab.
 *
 * <p>Implementations are thread-safe. {@link #result()} completes exactly once, normally (a runner reports failures
 * as a {@link RunReport}, never as an exceptional completion; the dispatcher treats one as an infrastructure error).
 */
public interface RunHandle {

    /** Completes with the report when the run ends, however it ends. */
    CompletableFuture<RunReport> result();

    /**
     * Stops the run: kills local processes, or cancels the remote job. Returns at once; {@link #result()} then
     * completes, usually with {@link RunOutcome#STOPPED} and whatever console log and results were collected. Calling it
     * again, or after the run ended, does nothing.
     */
    void cancel();

    /** Where the run is. */
    default RunState state() {
        return result().isDone() ? RunState.FINISHED : RunState.RUNNING;
    }

    /** The run's id in a remote system (a LAVA job id), when there is one. */
    default Optional<String> externalId() {
        return Optional.empty();
    }
}
