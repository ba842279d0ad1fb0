package io.cikit.core.dispatch;

import io.cikit.core.dispatch.internal.ConsoleProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run that drives a local process on the run executor: the {@link RunHandle} plumbing {@link LocalCommandRunner}
 * and {@link QemuRunner} share. {@link #execute()} does the work on the executor thread; its report, or an
 * INFRA_ERROR for anything it throws, completes {@link #result()}.
 */
abstract class ProcessRun implements RunHandle, Runnable {
    /** The stop reason {@link #cancel()} gives; runners tell a cancel from their own stops by it. */
    static final String CANCELLED = "cancelled";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRun.class);

    final RunContext context;
    private final CompletableFuture<RunReport> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile @Nullable ConsoleProcess process;
    private volatile RunState state = RunState.PENDING;

    ProcessRun(RunContext context) {
        this.context = context;
    }

    abstract RunReport execute();

    @Override
    public final void run() {
        RunReport report;
        try {
            report = cancelled ? RunReport.of(RunOutcome.STOPPED, "cancelled before it started") : execute();
        } catch (RuntimeException e) {
            LOG.warn("{} run of job {} on {} failed: {}", getClass().getSimpleName(), context.job().id(),
                    context.board().id(), e.toString(), e);
            report = RunReport.of(RunOutcome.INFRA_ERROR, "the runner failed: " + e);
        } finally {
            state = RunState.FINISHED;
        }
        result.complete(report);
    }

    /** Called once the process runs: a cancel from now on stops it. */
    final void attach(ConsoleProcess p) {
        process = p;
        state = RunState.RUNNING;
        if (cancelled) {
            p.stop(CANCELLED);
        }
    }

    final boolean cancelled() {
        return cancelled;
    }

    @Override
    public final CompletableFuture<RunReport> result() {
        return result;
    }

    @Override
    public final void cancel() {
        cancelled = true;
        if (state != RunState.FINISHED) {
            state = RunState.STOPPING;
        }
        ConsoleProcess p = process;
        if (p != null) {
            p.stop(CANCELLED);
        }
    }

    @Override
    public final RunState state() {
        return state;
    }

    /** A human line about the artifacts that are local files but are missing; empty when all are there. */
    static Optional<String> missingArtifacts(TestJob job) {
        List<String> missing = new ArrayList<>();
        check("kernel image", Optional.of(job.kernelImage()), missing);
        check("device tree", job.dtb(), missing);
        check("modules", job.modules(), missing);
        check("root file system", job.rootfs(), missing);
        check("BSP package", job.bspPackage(), missing);
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }

    private static void check(String what, Optional<URI> artifact, List<String> missing) {
        artifact.flatMap(TestJob::localFile).filter(p -> !Files.isReadable(p))
                .ifPresent(p -> missing.add(what + " not found: " + p));
    }

    static Process start(List<String> argv, Map<String, String> env, Path dir) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }
}
